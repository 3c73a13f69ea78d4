"""The one clock of a Qaqpa instance. Everything that reads the time reads it here.

Production reads the system clock. Dev mode (the default of ``qaqpa up``) runs a :class:`VirtualClock`:
the system's time until a test or a tester moves it — advance it 31 minutes to see a 30-minute window
expire, set it to a date, freeze it. Its state lives in the database (``clock_state``), so the CLI
(``qaqpa clock advance 31m``) and every process of an instance move together (gateway/clock_state.py).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware (UTC)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ClockState:
    """Where a virtual clock stands: the system's time plus ``offset``, or stopped at ``frozen_at``."""

    offset: timedelta = timedelta()
    frozen_at: datetime | None = None


class VirtualClock:
    """The system's time, shifted or stopped on request. Safe to share between threads."""

    def __init__(self, state: ClockState = ClockState()) -> None:
        self._state = state
        self._lock = threading.Lock()

    def now(self) -> datetime:
        state = self._state
        return state.frozen_at if state.frozen_at is not None else datetime.now(UTC) + state.offset

    def state(self) -> ClockState:
        return self._state

    def apply(self, state: ClockState) -> None:
        with self._lock:
            self._state = state

    def advanced(self, delta: timedelta) -> ClockState:
        """The state ``delta`` later (a frozen clock stays frozen, ``delta`` later)."""
        state = self._state
        if state.frozen_at is not None:
            return ClockState(state.offset, state.frozen_at + delta)
        return ClockState(state.offset + delta, None)

    def set_to(self, moment: datetime) -> ClockState:
        """The state at which ``now()`` is ``moment`` (and goes on from there, unless frozen)."""
        moment = _aware(moment)
        if self._state.frozen_at is not None:
            return ClockState(self._state.offset, moment)
        return ClockState(moment - datetime.now(UTC), None)

    def frozen(self, at: datetime | None = None) -> ClockState:
        return ClockState(self._state.offset, _aware(at) if at is not None else self.now())

    def resumed(self) -> ClockState:
        """Running again from where it was stopped."""
        return ClockState(self.now() - datetime.now(UTC), None)


_DURATION = re.compile(r"(?P<sign>[-+]?)(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+(?:\.\d+)?)s)?")


def parse_duration(text: str) -> timedelta:
    """``31m``, ``1h30m``, ``2d``, ``90s``, ``-5m``: a duration as testers write it."""
    match = _DURATION.fullmatch(text.strip())
    if match is None or not any(match.group(unit) for unit in "dhms"):
        raise ValueError(f"{text!r} is not a duration like 31m, 1h30m, 2d or 90s")
    delta = timedelta(
        days=int(match.group("d") or 0),
        hours=int(match.group("h") or 0),
        minutes=int(match.group("m") or 0),
        seconds=float(match.group("s") or 0),
    )
    return -delta if match.group("sign") == "-" else delta


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"{moment.isoformat()} has no time zone: write it with one (+05:00, Z)")
    return moment.astimezone(UTC)
