"""Throttling of repeated failed sign-ins: a sender's password, the admin token.

A key — one sender from one client address, or the admin token from one address — that failed ``limit``
times within ``window`` is refused for the rest of that window, even with the right secret, so a password
cannot be guessed at the gateway's speed. The key includes the address so that one client with a wrong
password (a misconfigured CI job on a shared instance) does not lock the same sender out for everybody
else. Failures are counted per process, in memory, against the instance's clock (the virtual clock in dev
mode: moving it ends a lockout). Outside dev mode the limit is on by default; in dev mode it is off unless
set (``QAQPA_SIGN_IN_ATTEMPTS``), so that a portal's tests of a wrong password do not lock its other tests out.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from datetime import datetime, timedelta

from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.errors import TooManyFailedSignIns

client_address: ContextVar[str | None] = ContextVar("qaqpa_client_address", default=None)
"""The address of the client whose request is being handled (set for every request by the app)."""


class ClientAddressMiddleware:
    """Makes each HTTP request's client address known to the code it reaches (:data:`client_address`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        token = client_address.set(client[0] if client else None)
        try:
            await self.app(scope, receive, send)
        finally:
            client_address.reset(token)


_MOST_KEYS = 100_000
"""Keys remembered at most; past that the oldest are forgotten (an attacker cycling keys fills no memory)."""


class FailedSignIns:
    def __init__(self, now: Callable[[], datetime], *, limit: int | None, window: timedelta) -> None:
        """``limit`` None counts nothing and refuses nobody."""
        self._now = now
        self.limit = limit
        self.window = window
        self._failures: dict[Hashable, deque[datetime]] = {}

    def check(self, what: str, key: Hashable) -> None:
        """Refuse ``key`` while it is locked out; ``what`` names it in the message."""
        if self.limit is None:
            return
        failures = self._recent(key)
        if failures is not None and len(failures) >= self.limit:
            retry_after = failures[0] + self.window - self._now()
            raise TooManyFailedSignIns(
                f"{what} failed {len(failures)} times within {_minutes(self.window)} from this address; "
                f"try again in {max(1, round(retry_after.total_seconds()))} s",
                detail="check the credentials; every attempt until then is refused, the right one too",
            )

    def failed(self, key: Hashable) -> None:
        if self.limit is None:
            return
        failures = self._recent(key)
        if failures is None:
            if len(self._failures) >= _MOST_KEYS:
                del self._failures[next(iter(self._failures))]
            failures = self._failures[key] = deque(maxlen=self.limit)
        failures.append(self._now())

    def succeeded(self, key: Hashable) -> None:
        self._failures.pop(key, None)

    def record(self, key: Hashable, *, signed_in: bool) -> None:
        """Count an attempt's outcome: a failure against ``key``, or a success that forgets its failures."""
        if signed_in:
            self.succeeded(key)
        else:
            self.failed(key)

    def _recent(self, key: Hashable) -> deque[datetime] | None:
        failures = self._failures.get(key)
        if failures is None:
            return None
        since = self._now() - self.window
        while failures and failures[0] <= since:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return None
        return failures


def _minutes(window: timedelta) -> str:
    minutes = window.total_seconds() / 60
    return f"{minutes:g} minute" + ("" if minutes == 1 else "s")
