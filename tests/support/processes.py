"""``qaqpa`` commands in their own processes, as a user runs them: started, waited for, stopped or killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

QAQPA = str(Path(sys.executable).with_name("qaqpa"))


class QaqpaProcess:
    def __init__(
        self,
        arguments: list[str],
        data_dir: Path,
        port: int,
        env: dict[str, str] | None = None,
        *,
        scheme: str = "http",
        client_options: dict[str, Any] | None = None,
    ) -> None:
        """``client_options`` are httpx's for the health check (``verify``: an SSL context, when it serves TLS)."""
        self.arguments = arguments
        self.data_dir = data_dir
        self.port = port
        self.base_url = f"{scheme}://127.0.0.1:{port}"
        self.client_options = client_options or {}
        self.env = {**os.environ, **(env or {})}
        self.log_path = data_dir / f"qaqpa-{arguments[0]}-{port}.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, *, with_options: bool = True) -> QaqpaProcess:
        """Start the command and wait until ``/health`` answers 200; without ``with_options`` the command gets
        no ``--port`` and ``--data-dir`` (its environment says them, as in docker-compose.yml)."""
        options = ["--port", str(self.port), "--data-dir", str(self.data_dir)] if with_options else []
        command = [QAQPA, *self.arguments, *options]
        with self.log_path.open("ab") as log_file:
            self._process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, env=self.env)
        try:
            self._wait_until_healthy()
        except BaseException:  # a failed start leaves no server behind
            self._process.kill()
            self._process.wait()
            raise
        return self

    def _wait_until_healthy(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{self.base_url}/health", timeout=1, **self.client_options).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self._process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"qaqpa {self.arguments[0]} did not become healthy:\n{self.log_path.read_text()}")
            time.sleep(0.1)

    def peak_memory(self) -> int:
        """The process's peak resident memory so far, in bytes (Linux: VmHWM in /proc)."""
        assert self._process is not None
        status = Path(f"/proc/{self._process.pid}/status").read_text()
        [line] = [line for line in status.splitlines() if line.startswith("VmHWM:")]
        return int(line.split()[1]) * 1024

    def kill(self) -> None:
        """``kill -9``: no shutdown, no flush, nothing in flight finished."""
        assert self._process is not None
        self._process.send_signal(signal.SIGKILL)
        self._process.wait()

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGINT)
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


@contextmanager
def running(
    arguments: list[str], data_dir: Path, port: int, env: dict[str, str] | None = None
) -> Iterator[QaqpaProcess]:
    """``qaqpa <arguments>`` in its own process until the block ends, healthy when the block starts."""
    process = QaqpaProcess(arguments, data_dir, port, env).start()
    try:
        yield process
    finally:
        process.stop()
