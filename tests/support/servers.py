"""Serving an ASGI app on a real port from a background thread, for tests that speak real HTTP."""

from __future__ import annotations

from gateway.testing import BackgroundServer, free_port

ServerThread = BackgroundServer
"""``with ServerThread(app) as server:`` — the plugin's own background server, used as a context manager."""

__all__ = ["ServerThread", "free_port"]
