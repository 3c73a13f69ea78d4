"""The one clock of a Qaqpa instance. Everything that reads the time reads it here.

Issue #5 adds a virtual clock that tests and the CLI can set and advance; code that takes a
:class:`Clock` works with either.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware (UTC)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)
