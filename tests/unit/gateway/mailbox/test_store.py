"""The mailbox's arithmetic: retry pauses, and the time a waiting REQUEST has left."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gateway.mailbox.store import StoredMessage, backoff

START = datetime(2026, 11, 22, 5, 0, tzinfo=UTC)


def _request(**changes: object) -> StoredMessage:
    values: dict[str, object] = {
        "message_id": "m",
        "correlation_id": "c",
        "service_id": "S",
        "message_type": "REQUEST",
        "sender_id": "P",
        "recipient": None,
        "delivery": "sync",
        "target_url": None,
        "state": "ON_DELIVERY",
        "status_code": "Async.Accepted",
        "status_message": "accepted by the gateway",
        "status_date": START,
        "received_at": START,
        "deadline_at": START + timedelta(minutes=30),
        "answered_at": None,
        "late": False,
        "attempts": 0,
        "fault": None,
        "session_id": "{s}",
        "message": b"",
        **changes,
    }
    return StoredMessage(**values)  # type: ignore[arg-type]


def test_retries_wait_longer_each_time_up_to_five_minutes() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4, 9, 10, 50)] == [1, 2, 4, 8, 256, 300, 300]


def test_a_waiting_request_says_when_its_response_is_due_and_how_long_is_left() -> None:
    status = _request().status(START + timedelta(minutes=29, seconds=59))
    assert status.message.endswith("RESPONSE due 2026-11-22T10:30:00.000+05:00 (0m 01s left)")
    assert status.date == "2026-11-22T10:00:00.000+05:00"


def test_an_answered_or_stopped_request_shows_no_countdown() -> None:
    assert "left" not in _request(answered_at=START).status(START).message
    assert "left" not in _request(state="DELIVERY_STOPPED").status(START).message
