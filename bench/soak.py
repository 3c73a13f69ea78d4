"""A bounded soak: the sync lookup at half of its peak rate for a while, watching errors, memory and descriptors.

    .venv/bin/python -m bench.soak                  # 10 minutes (issue #10)
    .venv/bin/python -m bench.soak --seconds 60     # a one-minute check

Starts ``qaqpa up --workers 2`` on a fresh data directory, measures (a)'s peak for a few seconds (bench/http.py's
body: a GBDFL_UniversalServiceSync lookup), then has wrk pace the same connections at 50 % of it, in rounds of
``--round`` seconds. After each round it reads the server's processes from /proc: resident memory and open file
descriptors. The soak passes when no request failed, when memory after the last round is within
``--memory-growth`` of what it was after the first (the first round warms the caches), and when, once the load
has stopped and idle connections have closed, no more descriptors are open than before it started (no leaked
connection), those of the SQLite database within its pools' bound.
Prints the table, saves it in bench/results/, and exits 1 when the soak failed (keeping the server's data
directory and log for a look).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench import _wrk
from bench._instance import served
from bench._report import machine, publish
from bench.http import GBDFL, XML, Driver, Load, paced_delay_ms
from gateway.testing import Sandbox

SETTLE_SECONDS = 6.0
"""Waited after a load before counting descriptors: past uvicorn's 5 s keep-alive, which closes the idle
connections of wrk and of the gateway's upstream pool."""

NUDGES = 8
"""Requests sent one per connection after the wait, so each worker's upstream pool meets its idle sockets
(half-closed by the mock) and closes them: httpx does that only when the pool is next used."""

FD_SLACK = 4
"""Descriptors other than the database's the server may hold open after the load beyond those before it (a log
file rotated, a connection opened late)."""

DATABASE_FILES_PER_WORKER = 2 * (5 + 10) + 1
"""The most descriptors of the SQLite files one worker keeps: a database file and its WAL for each connection
of SQLAlchemy's pool (5 kept, 10 more at once), and one shared memory file. SQLite also keeps a closed
connection's descriptors while another holds a lock on the file, so their count after a load varies within
this bound, and is judged against it instead of against the count before."""


@dataclass(frozen=True, slots=True)
class Sample:
    seconds: float
    rss_bytes: int
    descriptors: int
    database_files: int
    """Of ``descriptors``, those open on the SQLite database's files."""


def processes(pid: int) -> list[int]:
    """``pid`` and its descendants (uvicorn's supervisor and its workers)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").iterdir():
            children = (task / "children").read_text().split()
            queue += [int(child) for child in children]
    return found


def quiesce(url: str, body: bytes) -> None:
    """Let the idle connections a load leaves close (see SETTLE_SECONDS, NUDGES)."""
    time.sleep(SETTLE_SECONDS)
    for _ in range(NUDGES):
        httpx.post(url, content=body, headers={**XML, "Connection": "close"}, timeout=30)
    time.sleep(0.5)


def sample(pid: int, since: float, database: Path) -> Sample:
    rss = descriptors = database_files = 0
    for process in processes(pid):
        status = Path(f"/proc/{process}/status").read_text()
        [line] = [line for line in status.splitlines() if line.startswith("VmRSS:")]
        rss += int(line.split()[1]) * 1024
        for descriptor in Path(f"/proc/{process}/fd").iterdir():
            try:
                target = os.readlink(descriptor)
            except OSError:  # closed while being read
                continue
            descriptors += 1
            database_files += target.startswith(str(database))
    return Sample(time.monotonic() - since, rss, descriptors, database_files)


@dataclass(frozen=True, slots=True)
class Verdict:
    errors: int
    memory_growth: float
    allowed_growth: float
    leaked_descriptors: int
    """Beyond the slack, of those not on the database's files."""
    database_files_over: int
    """Beyond the pools' bound."""

    @property
    def passed(self) -> bool:
        return (
            self.errors == 0
            and self.memory_growth <= self.allowed_growth
            and self.leaked_descriptors <= 0
            and self.database_files_over <= 0
        )


def judge(
    samples: list[Sample], before: Sample, after: Sample, errors: int, allowed_growth: float, workers: int
) -> Verdict:
    """The soak's verdict: errors, memory growth from the first round to the last, descriptors left open."""
    warm = samples[0].rss_bytes
    growth = (samples[-1].rss_bytes - warm) / warm if warm else 0.0
    others_before, others_after = (s.descriptors - s.database_files for s in (before, after))
    leaked = others_after - others_before - FD_SLACK
    return Verdict(errors, growth, allowed_growth, leaked, after.database_files - DATABASE_FILES_PER_WORKER * workers)


def fault_codes(base_url: str) -> dict[str, int]:
    """What the failed requests were, by code, from the newest faults of the message log (at most 500)."""
    answer = httpx.get(f"{base_url}/api/v1/messages", params={"outcome": "fault", "limit": 500}, timeout=30)
    if answer.status_code != 200:
        return {f"(the message log answered HTTP {answer.status_code})": 1}
    return dict(Counter(exchange["statusCode"] for exchange in answer.json()["exchanges"]).most_common())


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600, help="the soak's length [default: 600]")
    parser.add_argument("--round", type=float, default=10, help="seconds between samples [default: 10]")
    parser.add_argument("--share", type=float, default=0.5, help="of the peak rate [default: 0.5]")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-growth", type=float, default=0.10, help="allowed, first round to last [0.10]")
    arguments = parser.parse_args()
    if _wrk.version() is None:
        raise SystemExit("bench.soak drives wrk, which is not installed: apt-get install wrk (or make tools)")

    data_dir = Path(tempfile.mkdtemp(prefix="qaqpa-soak-"))
    work = data_dir / "wrk"
    driver = Driver(arguments.round, 3, arguments.connections, 2, 10, work)
    command = ["up", "--data-dir", str(data_dir), "--workers", str(arguments.workers), "--population-size", "2000"]
    command += ["--no-access-log", "--log-level", "warning"]
    with served(command, data_dir / "qaqpa-up.log") as server:
        sandbox = Sandbox(server.base_url)
        [iin] = sandbox.citizens("alive")
        envelope = sandbox.envelope(GBDFL, sandbox.example(GBDFL, iin=iin))
        sandbox.close()
        load = Load(f"{server.base_url}/bip-sync/", "POST", XML, [envelope])
        pid, database = server.pid, data_dir / "qaqpa.db"
        script = driver.script("soak", load)
        peak = driver.run(load, script, 5).good_per_second
        wanted = arguments.share * peak
        paced = driver.script("soak", load, delay_ms=round(paced_delay_ms(arguments.connections, wanted)))
        quiesce(load.url, envelope)
        started = time.monotonic()
        before = sample(pid, started, database)
        samples: list[Sample] = []
        errors, answered, error_rounds = 0, 0, []
        print(f"  soak: {arguments.seconds:.0f} s at ~{wanted:,.0f} req/s (50 % of {peak:,.0f})", flush=True)
        while time.monotonic() - started < arguments.seconds:
            result = driver.run(load, paced, min(arguments.round, arguments.seconds - (time.monotonic() - started)))
            errors += result.errors
            if result.errors:
                error_rounds.append(f"{samples and samples[-1].seconds or 0:.0f} s: {result.describe_errors()}")
            answered += result.requests - result.non_2xx
            samples.append(sample(pid, started, database))
        quiesce(load.url, envelope)
        after = sample(pid, started, database)
        faults = fault_codes(server.base_url) if errors else {}

    verdict = judge(samples, before, after, errors, arguments.memory_growth, arguments.workers)
    lines = ["| after s | resident MiB | open descriptors | of them the database's |", "|---:|---:|---:|---:|"]
    lines += [
        f"| {s.seconds:,.0f} | {s.rss_bytes / 2**20:,.1f} | {s.descriptors} | {s.database_files} |"
        for s in [before, *samples, after]
    ]
    lines += [
        "",
        f"- {answered:,} answered, {errors:,} errors, at {answered / max(samples[-1].seconds, 1e-9):,.0f} req/s "
        f"(50 % of the peak {peak:,.0f} measured first).",
        *(f"- Errors after {kind}" for kind in error_rounds),
        *(f"- Faults in the message log: {count:,} × `{code}`" for code, count in faults.items()),
        f"- Memory from the first round to the last: {verdict.memory_growth * 100:+.1f} % "
        f"(allowed {arguments.memory_growth * 100:.0f} %).",
        f"- Descriptors before the load {before.descriptors}, after it {after.descriptors}; not the database's: "
        f"{before.descriptors - before.database_files} before, {after.descriptors - after.database_files} after "
        f"(slack {FD_SLACK}); the database's {after.database_files} after "
        f"(at most {DATABASE_FILES_PER_WORKER * arguments.workers}).",
        f"- **{'passed' if verdict.passed else 'FAILED'}**",
    ]
    details = machine(f"qaqpa up --workers {arguments.workers}, SQLite, 2,000 citizens, wrk -c {arguments.connections}")
    publish("soak", f"Soak, {arguments.seconds:.0f} s", details, "\n".join(lines))
    if not verdict.passed:
        raise SystemExit(f"the server's log and data directory are kept in {data_dir}")
    shutil.rmtree(data_dir)


if __name__ == "__main__":
    main()
