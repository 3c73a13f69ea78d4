"""A clock a test can move forward, so that "for T minutes" is tested without waiting T minutes."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class OffsetClock:
    """The system's time plus an offset the test controls (shared with the server's threads)."""

    def __init__(self) -> None:
        self._offset = timedelta()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._offset += delta

    def reset(self) -> None:
        with self._lock:
            self._offset = timedelta()
