from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gateway.errors import TooManyFailedSignIns
from gateway.throttle import FailedSignIns


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> Clock:
    return Clock()


def throttle(clock: Clock, limit: int | None = 3) -> FailedSignIns:
    return FailedSignIns(clock.now, limit=limit, window=timedelta(minutes=5))


def test_the_limit_locks_the_key_out_until_the_window_passes(clock: Clock) -> None:
    sign_ins = throttle(clock)
    key = ("sender", "DEMO_PORTAL", "10.0.0.7")
    for _ in range(3):
        sign_ins.check("sender 'DEMO_PORTAL'", key)
        sign_ins.failed(key)
        clock.moment += timedelta(seconds=10)
    with pytest.raises(TooManyFailedSignIns) as refused:
        sign_ins.check("sender 'DEMO_PORTAL'", key)
    assert refused.value.http_status == 429
    assert "failed 3 times within 5 minutes" in refused.value.message and "try again in 270 s" in refused.value.message
    clock.moment += timedelta(seconds=270)
    sign_ins.check("sender 'DEMO_PORTAL'", key)  # the first failure left the window


def test_other_keys_are_not_locked_out(clock: Clock) -> None:
    sign_ins = throttle(clock)
    for _ in range(3):
        sign_ins.failed(("sender", "DEMO_PORTAL", "10.0.0.7"))
    sign_ins.check("sender", ("sender", "DEMO_PORTAL", "10.0.0.8"))
    sign_ins.check("sender", ("sender", "OTHER", "10.0.0.7"))


def test_a_success_forgets_the_failures(clock: Clock) -> None:
    sign_ins = throttle(clock)
    key = ("admin", "10.0.0.7")
    sign_ins.failed(key)
    sign_ins.failed(key)
    sign_ins.succeeded(key)
    sign_ins.failed(key)
    sign_ins.failed(key)
    sign_ins.check("the admin token", key)


def test_without_a_limit_nobody_is_refused(clock: Clock) -> None:
    sign_ins = throttle(clock, limit=None)
    key = ("sender", "DEMO_PORTAL", None)
    for _ in range(100):
        sign_ins.failed(key)
    sign_ins.check("sender", key)
