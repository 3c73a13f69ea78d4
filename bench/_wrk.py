"""Driving wrk (https://github.com/wg/wrk) and reading what it prints.

wrk is the load generator because a Python client on this 2-core machine would saturate before the server
does: it is C, keeps its connections alive and spends microseconds per request. Each run replays request
bodies built once, up front, from files: the Lua script only reads them at start and hands out the
pre-formatted requests in turn, so no request is built while the clock runs. wrk's summary is text; ``parse``
reads the figures a report needs from it, errors included, so that a failing run shows as failing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = r"([\d.]+)(us|ms|s|m|h)"


@dataclass(frozen=True, slots=True)
class SocketErrors:
    connect: int = 0
    read: int = 0
    write: int = 0
    timeout: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_kind().values())

    def by_kind(self) -> dict[str, int]:
        return {"connect": self.connect, "read": self.read, "write": self.write, "timeout": self.timeout}


@dataclass(frozen=True, slots=True)
class WrkResult:
    """One wrk run's summary: counts, rate, latency percentiles (ms) and what went wrong."""

    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int = 0
    """wrk's "Non-2xx or 3xx responses": answers with a status of 400 or more."""
    socket_errors: SocketErrors = SocketErrors()

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors.total

    @property
    def good_per_second(self) -> float:
        """Successful answers per second: the rate with the non-2xx answers taken out."""
        return (self.requests - self.non_2xx) / self.seconds if self.seconds else 0.0

    def describe_errors(self) -> str:
        """``0``, or every kind of error with its count: ``non-2xx 12, timeout 3``; a run in which no answer
        came says so (wrk does not count the requests still waiting when it stops)."""
        kinds = {"non-2xx": self.non_2xx, **self.socket_errors.by_kind()}
        found = [f"{name} {count:,}" for name, count in kinds.items() if count]
        if not self.requests:
            found.append(f"no answer within {self.seconds:.0f} s")
        return ", ".join(found) or "0"


def parse(output: str) -> WrkResult:
    """The figures of wrk's summary (run with ``--latency``); SystemExit when it is not one."""
    total = re.search(rf"(\d+) requests in {_DURATION}", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if total is None or rate is None:
        raise SystemExit(f"wrk printed no summary:\n{output}")
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(
        requests=int(total.group(1)),
        seconds=_ms(total.group(2), total.group(3)) / 1000,
        requests_per_second=float(rate.group(1)),
        p50_ms=_percentile_ms(output, "50%"),
        p99_ms=_percentile_ms(output, "99%"),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=SocketErrors(*(int(count) for count in sockets.groups())) if sockets else SocketErrors(),
    )


def _percentile_ms(output: str, label: str) -> float:
    found = re.search(rf"^\s+{label}\s+{_DURATION}", output, re.MULTILINE)
    if found is None:
        raise SystemExit(f"wrk printed no {label} latency (was it run with --latency?):\n{output}")
    return _ms(found.group(1), found.group(2))


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNITS_MS[unit]


def version() -> str | None:
    """wrk's version line, or None when wrk is not installed."""
    if shutil.which("wrk") is None:
        return None
    # wrk -v prints its version and then its usage, and exits 1.
    printed = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False).stdout
    first = printed.splitlines()[0] if printed else "wrk"
    return first.split(" Copyright")[0].strip()


def lua_script(
    method: str, headers: Mapping[str, str], bodies: Sequence[Path], threads: int, delay_ms: int | None = None
) -> str:
    """A wrk script that sends ``bodies`` in turn, each thread starting at its own share of them (so that two
    threads do not send the same body at the same moment); the requests are formatted once, in ``init``. With
    ``delay_ms`` each connection waits that long before each request (wrk's ``delay()``): a paced load."""
    pacing = "" if delay_ms is None else f"\nfunction delay()\n  return {delay_ms}\nend\n"
    header_table = ", ".join(f"[ {_lua_string(name)} ] = {_lua_string(value)}" for name, value in headers.items())
    files = ", ".join(_lua_string(str(path)) for path in bodies)
    return f"""-- generated by bench/_wrk.py
local files = {{{files}}}
local headers = {{{header_table}}}
local requests = {{}}
local position = 0
local started = 0

function setup(thread)
  thread:set("first", math.floor(started * #files / {threads}))
  started = started + 1
end

function init(args)
  for index, name in ipairs(files) do
    local file = assert(io.open(name, "rb"))
    requests[index] = wrk.format({_lua_string(method)}, nil, headers, file:read("*a"))
    file:close()
  end
  position = first or 0
end

function request()
  position = position % #requests + 1
  return requests[position]
end
{pacing}"""


def _lua_string(text: str) -> str:
    """A Lua long-bracket literal holding ``text`` exactly (no escapes are interpreted inside one)."""
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def run(url: str, script: Path, *, seconds: float, connections: int, threads: int, timeout: float) -> WrkResult:
    """One wrk run over keep-alive connections; ``timeout`` (s) is how long an answer may take before wrk
    counts it as a timeout instead of a latency."""
    threads = min(threads, connections)  # wrk refuses fewer connections than threads
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{max(1, round(seconds))}s"]
    command += ["--latency", "--timeout", f"{max(1, round(timeout))}s", "-s", str(script), url]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    # A script that does not load is reported ("load.lua:3: '}' expected") and wrk runs without it, exit 0.
    if finished.returncode != 0 or f"{script}:" in finished.stdout + finished.stderr:
        raise SystemExit(f"{' '.join(command)} failed ({finished.returncode}):\n{finished.stdout}{finished.stderr}")
    return parse(finished.stdout)
