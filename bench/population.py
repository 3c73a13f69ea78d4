"""A population of a million, and lookups through the gateway at that size.

    .venv/bin/python -m bench.population [--size 1000000] [--requests 3000] [--database-url URL]
                                         [--data-dir DIR] [--mock-transport http|inprocess]

Generates the population into a fresh database (SQLite in a temporary data directory unless
``--database-url`` says otherwise), then starts ``qaqpa up`` on it in its own process and asks, one request
at a time over a keep-alive connection, for random citizens: the Individuals DB by IIN, and two registries
that read other tables. Prints a table and writes it, with the machine's details, to
bench/results/population-<date>.md. Measurements of this machine, never assertions: tests do not look at them.
With ``--data-dir`` of an earlier run, a population of the same size already there is reused.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import func, select

from bench._instance import serving
from bench._report import machine, percentile, publish
from gateway.storage import migrate
from gateway.storage.database import Database
from mocks.population import generate_population, read_summary
from mocks.population.tables import RECORD_TABLES, identity_documents, persons
from tests.support.shep import gbdfl_request, inline_data, send_message, simulated_data

LOOKUPS = {
    "GBDFL_UniversalServiceSync": lambda iin: inline_data(gbdfl_request(iin)),
    "ZAGS_BirthActs": lambda iin: simulated_data("zags", iin),
    "EMAKET_AssignedBenefits": lambda iin: simulated_data("emaket", iin),
}


def generate(database_url: str, size: int) -> tuple[float, int]:
    """Seconds to generate ``size`` citizens, and the rows written in all."""
    database = Database(database_url)
    migrate.upgrade(database.sync_engine)
    shown = -1

    def progress(done: int, total: int) -> None:
        nonlocal shown
        percent = done * 100 // total
        if percent // 10 != shown:
            shown = percent // 10
            print(f"  generated {done:,} of {total:,}", file=sys.stderr)

    started = time.perf_counter()
    generate_population(database.sync_engine, size, seed=407, progress=progress)
    seconds = time.perf_counter() - started
    with database.sync_engine.connect() as connection:
        tables = [persons, identity_documents, *RECORD_TABLES.values()]
        rows = sum(connection.execute(select(func.count()).select_from(table)).scalar_one() for table in tables)
    database.sync_engine.dispose()
    return seconds, rows


def sample(database_url: str, count: int) -> list[str]:
    database = Database(database_url)
    with database.sync_engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(persons)).scalar_one()
        step = max(1, total // count)
        iins = list(connection.execute(select(persons.c.iin).order_by(persons.c.iin)).scalars())[::step]
    database.sync_engine.dispose()
    random.Random(407).shuffle(iins)
    return iins[:count]


@dataclass(frozen=True, slots=True)
class Lookups:
    """Sequential lookups: their latencies in ms, and how many were answered per second."""

    p50: float
    p90: float
    p99: float
    worst: float
    per_second: float


def measure(base_url: str, service_id: str, iins: list[str], requests: int) -> Lookups:
    """Sequential requests over one keep-alive connection, after 50 uncounted ones."""
    make = LOOKUPS[service_id]
    headers = {"Content-Type": "text/xml; charset=utf-8"}
    samples = []
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for number in range(requests + 50):
            body = send_message(make(iins[number % len(iins)]), service_id=service_id)
            started = time.perf_counter()
            response = client.post("/bip-sync/", content=body, headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{service_id} failed: {response.text[:500]}")
            if number >= 50:  # the first calls warm caches and connections
                samples.append(elapsed)
    per_second = 1000 * len(samples) / sum(samples)
    samples.sort()
    return Lookups(
        percentile(samples, 0.5), percentile(samples, 0.9), percentile(samples, 0.99), samples[-1], per_second
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="citizens [default: 1,000,000]")
    parser.add_argument("--requests", type=int, default=3000, help="lookups per service [default: 3000]")
    parser.add_argument("--database-url", help="default: SQLite in the data directory")
    parser.add_argument("--data-dir", type=Path, help="default: a new temporary directory")
    parser.add_argument("--mock-transport", choices=("http", "inprocess"), default="http")
    arguments = parser.parse_args()

    data_dir = arguments.data_dir or Path(tempfile.mkdtemp(prefix="qaqpa-bench-"))
    database_url = arguments.database_url or f"sqlite:///{data_dir / 'qaqpa.db'}"
    seconds, rows = generated(database_url, arguments.size, data_dir)
    iins = sample(database_url, 1000)

    arguments_up = ["up", "--data-dir", str(data_dir), "--database-url", database_url]
    arguments_up += ["--mock-transport", arguments.mock_transport]
    with serving(arguments_up, data_dir / "qaqpa-up.log") as base_url:
        lookups = [(service_id, measure(base_url, service_id, iins, arguments.requests)) for service_id in LOOKUPS]

    rows_table = [
        f"| generate {arguments.size:,} citizens ({rows:,} rows in all) | {seconds:,.0f} s "
        f"({arguments.size / seconds:,.0f} citizens/s) | | | |",
        *(
            f"| {service_id} through the gateway, one at a time | {found.p50:.1f} | {found.p90:.1f} | {found.p99:.1f} "
            f"| {found.worst:.1f} |"
            for service_id, found in lookups
        ),
    ]
    table = "\n".join(
        ["| measure | p50 ms (or total) | p90 ms | p99 ms | max ms |", "|---|---:|---:|---:|---:|", *rows_table]
    )
    backend = Database(database_url).urls.sync.get_backend_name()
    details = machine(
        f"{backend}, mocks reached over {arguments.mock_transport}",
        f"{arguments.requests:,} lookups per service of 1,000 random citizens",
    )
    publish("population", f"Population of {arguments.size:,}", details, table)


def generated(database_url: str, size: int, data_dir: Path) -> tuple[float, int]:
    """Seconds and rows of generating ``size`` citizens: generated now, or by an earlier run into this database."""
    generation = _stored_generation(database_url, size, data_dir)
    if generation is not None:
        return generation
    print(f"Generating {size:,} citizens into {database_url}", file=sys.stderr)
    seconds, rows = generate(database_url, size)
    (data_dir / "generation.txt").write_text(f"{seconds} {rows}")
    return seconds, rows


def _stored_generation(database_url: str, size: int, data_dir: Path) -> tuple[float, int] | None:
    """The time and rows of an earlier run's generation of ``size`` citizens in this database, if there is one."""
    database = Database(database_url)
    try:
        stored = read_summary(database.sync_engine)
    except Exception:  # no tables yet
        stored = None
    finally:
        database.sync_engine.dispose()
    record = data_dir / "generation.txt"
    if stored is None or stored.size != size or not record.is_file():
        return None
    seconds, rows = record.read_text().split()
    return float(seconds), int(rows)


if __name__ == "__main__":
    main()
