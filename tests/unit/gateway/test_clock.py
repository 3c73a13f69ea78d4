from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from gateway.clock import EARLIEST, LATEST, ClockState, VirtualClock, parse_duration
from mocks.runs import current_run

MOMENT = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("31m", timedelta(minutes=31)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("2d", timedelta(days=2)),
        ("90s", timedelta(seconds=90)),
        ("1.5s", timedelta(seconds=1.5)),
        ("-5m", timedelta(minutes=-5)),
        ("1d2h3m4s", timedelta(days=1, hours=2, minutes=3, seconds=4)),
    ],
)
def test_durations_as_testers_write_them(text: str, delta: timedelta) -> None:
    assert parse_duration(text) == delta


@pytest.mark.parametrize("text", ["", "31", "m", "3x", "1m1h", "five minutes"])
def test_what_is_not_a_duration_says_so(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration(text)


def test_a_duration_longer_than_any_date_is_refused_not_overflowed() -> None:
    with pytest.raises(ValueError, match="longer than any clock"):
        parse_duration("9999999999d")


@pytest.mark.parametrize(
    "move",
    [
        lambda clock: clock.advanced(timedelta(days=3_000_000)),
        lambda clock: clock.advanced(timedelta(days=-999_999_999)),
        lambda clock: clock.set_to(datetime(1960, 1, 1, tzinfo=UTC)),
        lambda clock: clock.set_to(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))),
        lambda clock: clock.frozen(datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-5)))),
        lambda clock: clock.frozen(LATEST),
    ],
)
def test_a_clock_is_not_moved_out_of_its_range(move: Callable[[VirtualClock], ClockState]) -> None:
    """Found by schemathesis: a clock moved past year 9999 broke every later read of it with an OverflowError,
    and one before 1970 every CRL (its number is the time in seconds since 1970)."""
    clock = VirtualClock(ClockState(frozen_at=MOMENT))
    with pytest.raises(ValueError, match="the clock can be moved from 2000-01-01 up to 2100-01-01"):
        move(clock)
    assert clock.now() == MOMENT
    assert clock.frozen(EARLIEST).frozen_at == EARLIEST


def test_a_frozen_clock_stands_still_and_moves_only_when_told() -> None:
    clock = VirtualClock(ClockState(frozen_at=MOMENT))
    assert clock.now() == clock.now() == MOMENT
    clock.apply(clock.advanced(timedelta(minutes=31)))
    assert clock.now() == MOMENT + timedelta(minutes=31)
    clock.apply(clock.set_to(datetime(2027, 1, 1, 9, 0, tzinfo=UTC)))
    assert clock.now() == datetime(2027, 1, 1, 9, 0, tzinfo=UTC)


def test_a_running_clock_keeps_its_offset_from_the_system() -> None:
    clock = VirtualClock()
    clock.apply(clock.advanced(timedelta(days=1)))
    ahead = clock.now() - datetime.now(UTC)
    assert timedelta(hours=23, minutes=59) < ahead <= timedelta(days=1)
    clock.apply(clock.set_to(MOMENT))
    assert abs(clock.now() - MOMENT) < timedelta(seconds=5)


def test_freezing_and_resuming_continue_from_the_same_instant() -> None:
    clock = VirtualClock()
    clock.apply(clock.frozen(MOMENT))
    clock.apply(clock.resumed())
    assert timedelta(0) <= clock.now() - MOMENT < timedelta(seconds=5)
    with pytest.raises(ValueError, match="no time zone"):
        clock.set_to(datetime(2026, 11, 22, 10, 0))


def test_a_run_that_moved_its_clock_reads_its_own_time_and_the_others_the_instance_s() -> None:
    clock = VirtualClock(ClockState(frozen_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC)))
    token = current_run.set("job-a")
    try:
        clock.apply(clock.advanced(timedelta(minutes=31)), "job-a")
        assert clock.now() == datetime(2026, 12, 1, 9, 31, tzinfo=UTC)
        current_run.set("job-b")
        assert clock.now() == datetime(2026, 12, 1, 9, 0, tzinfo=UTC), "a run that never moved its clock"
        current_run.set(None)
        assert clock.now() == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        clock.forget("job-a")
        current_run.set("job-a")
        assert clock.now() == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    finally:
        current_run.reset(token)
