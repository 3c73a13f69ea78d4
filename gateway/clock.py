"""The one clock of a Qaqpa instance. Everything that reads the time reads it here.

Production reads the system clock. Dev mode (the default of ``qaqpa up``) runs a :class:`VirtualClock`:
the system's time until a test or a tester moves it — advance it 31 minutes to see a 30-minute window
expire, set it to a date, freeze it. Its state lives in the database (``clock_state``), so the CLI
(``qaqpa clock advance 31m``) and every process of an instance move together (gateway/clock_state.py).

A test run (mocks/runs.py) may move a clock of its own: once it has, work in that run reads the run's
time, and every other run and the default namespace go on reading theirs. A run that never moved its clock
reads the instance's.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from contracts.shep import KZ_TIME
from mocks.runs import current_run


def wall_clock(moment: datetime | str) -> str:
    """An instant (or its ISO text) as Kazakhstan's wall clock reads it, to the second: what people are shown."""
    aware = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return aware.astimezone(KZ_TIME).strftime("%Y-%m-%d %H:%M:%S")


EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
"""A virtual clock is moved only to instants in [EARLIEST, LATEST): the sandbox's data (the population, the
test PKI, deadlines in working days) is of this century, a CRL's number is its time in seconds since 1970,
and Python's dates end in 9999."""


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
    """The system's time, shifted or stopped on request, for the instance and for each test run that moved
    its own. Reads and the states derived from them are those of the current run. Safe to share between
    threads."""

    def __init__(self, state: ClockState = ClockState()) -> None:
        self._state = state
        self._runs: dict[str, ClockState] = {}  # replaced, never changed in place: readers need no lock
        self._lock = threading.Lock()

    def now(self) -> datetime:
        state = self.state()
        return state.frozen_at if state.frozen_at is not None else datetime.now(UTC) + state.offset

    def state(self) -> ClockState:
        """The state the current run reads: its own, else the instance's."""
        run = current_run.get()
        return self._runs.get(run, self._state) if run is not None else self._state

    def apply(self, state: ClockState, run: str | None = None) -> None:
        with self._lock:
            if run is None:
                self._state = state
            else:
                self._runs = {**self._runs, run: state}

    def forget(self, run: str) -> None:
        """The run reads the instance's clock again."""
        with self._lock:
            self._runs = {name: state for name, state in self._runs.items() if name != run}

    def runs(self) -> list[str]:
        """The test runs with a clock of their own."""
        return list(self._runs)

    def advanced(self, delta: timedelta) -> ClockState:
        """The state ``delta`` later (a frozen clock stays frozen, ``delta`` later)."""
        state = self.state()
        frozen_at = state.frozen_at
        if frozen_at is not None:
            return _within_range(lambda: ClockState(state.offset, frozen_at + delta))
        return _within_range(lambda: ClockState(state.offset + delta, None))

    def set_to(self, moment: datetime) -> ClockState:
        """The state at which ``now()`` is ``moment`` (and goes on from there, unless frozen)."""
        aware = _aware(moment)
        state = self.state()
        if state.frozen_at is not None:
            return _within_range(lambda: ClockState(state.offset, aware))
        return _within_range(lambda: ClockState(aware - datetime.now(UTC), None))

    def frozen(self, at: datetime | None = None) -> ClockState:
        return _within_range(lambda: ClockState(self.state().offset, _aware(at) if at is not None else self.now()))

    def resumed(self) -> ClockState:
        """Running again from where it was stopped."""
        return ClockState(self.now() - datetime.now(UTC), None)


_DURATION = re.compile(r"(?P<sign>[-+]?)(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+(?:\.\d+)?)s)?")


def parse_duration(text: str) -> timedelta:
    """``31m``, ``1h30m``, ``2d``, ``90s``, ``-5m``: a duration as testers write it."""
    match = _DURATION.fullmatch(text.strip())
    if match is None or not any(match.group(unit) for unit in "dhms"):
        raise ValueError(f"{text!r} is not a duration like 31m, 1h30m, 2d or 90s")
    try:
        delta = timedelta(
            days=int(match.group("d") or 0),
            hours=int(match.group("h") or 0),
            minutes=int(match.group("m") or 0),
            seconds=float(match.group("s") or 0),
        )
    except OverflowError:
        raise ValueError(f"{text!r} is longer than any clock can be moved") from None
    return -delta if match.group("sign") == "-" else delta


_OUT_OF_RANGE = f"the clock can be moved from {EARLIEST:%Y-%m-%d} up to {LATEST:%Y-%m-%d} (UTC) only"


def _within_range(make: Callable[[], ClockState]) -> ClockState:
    """The state ``make`` gives, if its time lies in [EARLIEST, LATEST); else ValueError saying so."""
    try:
        state = make()
        moment = state.frozen_at if state.frozen_at is not None else datetime.now(UTC) + state.offset
    except OverflowError:
        raise ValueError(_OUT_OF_RANGE) from None
    if not EARLIEST <= moment < LATEST:
        raise ValueError(f"{_OUT_OF_RANGE}, not to {moment.isoformat()}")
    return state


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"{moment.isoformat()} has no time zone: write it with one (+05:00, Z)")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{_OUT_OF_RANGE}, not to {moment.isoformat()}") from None
