"""What the console's pages show (gateway/console/_views.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gateway.console._views import bodies, hops, time_left


def test_the_hops_of_an_answered_exchange_split_the_total_time() -> None:
    exchange = {
        "timingsMs": {"client": 3.0, "provider": 10.0, "total": 15.5},
        "faultHop": None,
        "providerReached": True,
    }
    assert [(h.name, h.ms, h.state) for h in hops(exchange)] == [
        ("client", 3.0, "ok"),
        ("provider", 10.0, "ok"),
        ("gateway", 2.5, "ok"),
    ]


def test_the_failing_hop_is_marked_and_the_hops_after_it_skipped() -> None:
    refused = {"timingsMs": {"total": 4.0}, "faultHop": "client", "providerReached": False}
    assert [(h.name, h.ms, h.state) for h in hops(refused)] == [
        ("client", 4.0, "failed"),
        ("provider", None, "skipped"),
        ("gateway", None, "skipped"),
    ]
    timed_out = {"timingsMs": {"client": 1.0, "provider": 5000.0}, "faultHop": "provider", "providerReached": True}
    assert [h.state for h in hops(timed_out)] == ["ok", "failed", "skipped"]


def test_logged_xml_is_indented_and_other_text_kept_as_it_was() -> None:
    exchange = {"request": "<a><b>1</b></a>", "response": "not xml <", "providerReached": False}
    assert [(b.key, b.text) for b in bodies(exchange)] == [
        ("request", "<a>\n  <b>1</b>\n</a>"),
        ("response", "not xml <"),
    ]


def test_time_left_before_and_after_a_deadline() -> None:
    now = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
    ahead = time_left((now + timedelta(minutes=29)).isoformat(), now)
    assert ahead is not None and (ahead.passed, ahead.text) == (False, "29 min left")
    behind = time_left(now - timedelta(seconds=75), now)
    assert behind is not None and (behind.passed, behind.text) == (True, "passed 1 min 15 s ago")
    assert time_left(None, now) is None
