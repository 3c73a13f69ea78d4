"""Serving Qaqpa in its own process for a benchmark: ``qaqpa up`` or ``qaqpa mock`` on a free port.

A benchmark measures the server as it runs in production, in its own interpreter (and its own workers), so
the client's work and the server's never share a process or a GIL. Every benchmark starts and stops it the
same way, here: the log goes to a file in the data directory, the server is asked to stop with SIGINT (as
Ctrl-C would) and given time to finish.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from gateway.testing import free_port

QAQPA = str(Path(sys.executable).with_name("qaqpa"))
"""The ``qaqpa`` command of this virtualenv."""


@dataclass(frozen=True, slots=True)
class Served:
    base_url: str
    pid: int
    """The process started (with ``--workers`` N, uvicorn's supervisor of the workers)."""


@contextmanager
def serving(
    arguments: Sequence[str], log: Path, *, ready_within: float = 300, env: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Run ``qaqpa <arguments> --port <free port>`` (with ``env`` added to the environment) and yield its base
    URL once ``/health`` answers 200; stop it on exit. Its output goes to ``log``."""
    with served(arguments, log, ready_within=ready_within, env=env) as server:
        yield server.base_url


@contextmanager
def served(
    arguments: Sequence[str], log: Path, *, ready_within: float = 300, env: Mapping[str, str] | None = None
) -> Iterator[Served]:
    """:func:`serving`, yielding the process's id too."""
    port = free_port()
    command = [QAQPA, *arguments, "--port", str(port)]
    with log.open("wb") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(base_url, server, log, ready_within)
            yield Served(base_url, server.pid)
        finally:
            stop(server)


def wait_until_healthy(base_url: str, server: subprocess.Popen[bytes], log: Path, ready_within: float) -> None:
    """Return when ``/health`` answers 200; exit with the log's name if the server dies or never gets there."""
    deadline = time.monotonic() + ready_within
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}; see {log}")
        try:
            if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not become healthy within {ready_within:.0f} s; see {log}")


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGINT, then up to 30 s to finish (workers included), then SIGKILL."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
