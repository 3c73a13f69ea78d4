"""A whole instance served by uvicorn in a background thread of the test process."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from typing import Any

import uvicorn


class _Server(uvicorn.Server):
    """Remembers its event loop, so that in-process callers can run requests on the app's own loop."""

    loop: asyncio.AbstractEventLoop | None = None

    async def serve(self, sockets: list[socket.socket] | None = None) -> None:
        self.loop = asyncio.get_running_loop()
        await super().serve(sockets)


class BackgroundServer:
    """``app`` on ``127.0.0.1:<port>`` (a free one unless given) until :meth:`stop`."""

    def __init__(self, app: Any, port: int | None = None) -> None:
        self.app = app
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="on",
            loop="uvloop",
            http="httptools",
            timeout_graceful_shutdown=1,
        )
        self._server = _Server(config)
        self._thread = threading.Thread(target=self._server.run, name=f"qaqpa-{self.port}", daemon=True)

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        assert self._server.loop is not None, "the server is not running"
        return self._server.loop

    def start(self, timeout: float = 120) -> BackgroundServer:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError(f"Qaqpa did not start on port {self.port}; see the log above")
            if time.monotonic() > deadline:
                raise TimeoutError(f"Qaqpa took more than {timeout:g} s to start on port {self.port}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
