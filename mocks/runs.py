"""Test runs: several CI jobs sharing one instance, each in its own namespace.

A client that sends ``X-Qaqpa-Run: <id>`` works in run ``<id>``: the fault rules it adds break only its own
calls, the journal it reads holds only its own requests, the clock it moves moves only for it, and the cases
it opens are its own (docs/runs.md). Without the header a client is in the instance's default namespace.

The run travels with the work as a context variable: set once per request by :class:`RunMiddleware`, read
by whatever the request leads to (the mocks' fault book and journal, the clock, the case engine), and passed
on to the built-in mocks with the header when the gateway calls them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

HEADER = "X-Qaqpa-Run"
_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")

current_run: ContextVar[str | None] = ContextVar("qaqpa_run", default=None)
"""The run the current work belongs to; None: the default namespace."""


class InvalidRun(ValueError):
    """An ``X-Qaqpa-Run`` value that is not a run identifier."""


def parse_run(value: str | None) -> str | None:
    """The run an ``X-Qaqpa-Run`` header names (None for no header or an empty one)."""
    if value is None or not value.strip():
        return None
    run = value.strip()
    if not _RUN.fullmatch(run):
        raise InvalidRun(
            f"{HEADER}: {run[:80]!r} is not a run identifier "
            "(1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit)"
        )
    return run


class RunMiddleware:
    """Puts each HTTP request in the run its ``X-Qaqpa-Run`` header names; ``refuse`` answers a bad one."""

    def __init__(self, app: ASGIApp, refuse: Callable[[str], Response]) -> None:
        self.app = app
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = next((value for name, value in scope["headers"] if name == b"x-qaqpa-run"), None)
        try:
            run = parse_run(raw.decode("latin-1") if raw is not None else None)
        except InvalidRun as error:
            await self.refuse(str(error))(scope, receive, send)
            return
        token = current_run.set(run)
        try:
            await self.app(scope, receive, send)
        finally:
            current_run.reset(token)
