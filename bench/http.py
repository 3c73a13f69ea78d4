"""Throughput and latency over HTTP under load, per channel: the scenarios of issue #9, driven by wrk.

    .venv/bin/python -m bench.http [--seconds 10] [--connections 32] [--workers 2] [--data-dir DIR]
                                   [--database-url postgresql://HOST/DB]
                                   [--only a,b,c,d,e,f] [--million 1000000]

bench/population.py measures one request at a time; this asks what the product sustains when a portal
load-tests it. It starts ``qaqpa up`` as production would run it (several workers, no access log, warnings
only) in its own process, in dev mode so that the demo sender DEMO_PORTAL exists, on a fresh data directory
(or ``--data-dir`` of an earlier run). For each scenario it builds the request body (or bodies) once, checks
one exchange by hand, then has wrk replay it over keep-alive connections for ``--seconds`` after an uncounted
warm-up:

(a) ``GBDFL_UniversalServiceSync`` on the SyncChannel, the request unsigned; and (a₀) again on an instance
    restarted to sign nothing and check no signature;
(b) the same with a WS-Security-signed request, and again paced at 70 % of that peak;
(c) ``SOCPROT_AgePension_Information`` over ``POST /api/v1/cases`` with ``wait``: a case fanning out;
(d) AsyncChannel ``sendMessage`` over REST, the deliveries counted in the database, then ``getMessages``;
(e) the Individuals DB mock alone (``qaqpa mock gbdfl``), sent what the gateway sends it in (a);
(f) a million citizens generated (bench/population.py), and ГБД ФЛ lookups one at a time on them.

Prints a table and writes it, with the machine's details, to bench/results/http-<date>.md. Measurements of
this machine, never assertions: tests look only at the parsing and the verdicts.
"""

from __future__ import annotations

import argparse
import base64
import json
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from lxml import etree
from sqlalchemy import func, select, update

from bench import _wrk
from bench._instance import serving
from bench._report import machine, publish
from bench.population import generated, sample
from bench.population import measure as lookups
from gateway.storage.database import Database
from gateway.storage.tables import async_messages, services
from gateway.testing import DEMO_SENDER, Sandbox

GBDFL = "GBDFL_UniversalServiceSync"
INFORMATION = "SOCPROT_AgePension_Information"
"""Regulation 1's information flow: it asks GBDFL, EMAKET and ENPF and tells the applicant by SMS."""
PORTAL_BIN = "100140300032"
"""The legal entity whose certificate signs (b)'s requests (the portal of docs/signatures.md)."""
SIGNED_BODIES = 1000
XML = {"Content-Type": "text/xml; charset=utf-8"}
SCENARIOS = ("a", "b", "c", "d", "e", "f")


@dataclass(frozen=True, slots=True)
class Target:
    """Issue #9's target for a scenario: a rate at least, a p99 at most, or both."""

    min_rate: float | None = None
    max_p99_ms: float | None = None
    unit: str = "req/s"

    def describe(self) -> str:
        parts = [f"≥ {self.min_rate:,.0f} {self.unit}"] if self.min_rate is not None else []
        parts += [f"p99 ≤ {self.max_p99_ms:,.0f} ms"] if self.max_p99_ms is not None else []
        return ", ".join(parts)


def verdict(target: Target | None, rate: float, p99_ms: float | None, errors: int) -> str:
    """``yes``, or ``no`` with every way and by how much the run missed: a target counts only successful
    answers and is not met by a run with errors."""
    if target is None:
        return "—"
    misses = []
    if target.min_rate is not None and rate < target.min_rate:
        misses.append(_short(rate, target.min_rate, target.unit))
    if target.max_p99_ms is not None and p99_ms is not None and p99_ms > target.max_p99_ms:
        misses.append(_over(p99_ms, target.max_p99_ms))
    if errors:
        misses.append(f"{errors:,} error" + ("s" if errors > 1 else ""))
    return "no: " + "; ".join(misses) if misses else "yes"


def _short(rate: float, wanted: float, unit: str) -> str:
    if rate <= 0:
        return f"0 {unit}"
    ratio = wanted / rate
    return f"{ratio:.1f}× too slow" if ratio >= 1.5 else f"{(1 - rate / wanted) * 100:.0f} % short"


def _over(p99_ms: float, limit_ms: float) -> str:
    ratio = p99_ms / limit_ms
    return f"p99 {ratio:.1f}× the limit" if ratio >= 1.5 else f"p99 {(ratio - 1) * 100:.0f} % over"


def paced_delay_ms(connections: int, rate: float, *, measured: float | None = None, delay_ms: float = 0) -> float:
    """How long each of ``connections`` should wait before each request for all of them to make ``rate`` per
    second: ``connections / (delay + latency) = rate``. Without a measurement the latency is taken as nil;
    with the rate ``measured`` at ``delay_ms``, the latency that run implies is taken off."""
    period_ms = 1000 * connections / rate
    if measured is None or measured <= 0:
        return period_ms
    latency_ms = 1000 * connections / measured - delay_ms
    return max(0.0, period_ms - latency_ms)


@dataclass(frozen=True, slots=True)
class Row:
    scenario: str
    rate: float
    p50_ms: float | None
    p99_ms: float | None
    errors: str
    target: Target | None
    met: str

    def markdown(self) -> str:
        cells = [self.scenario, f"{self.rate:,.0f}", _ms(self.p50_ms), _ms(self.p99_ms), self.errors]
        cells += [self.target.describe() if self.target else "—", self.met]
        return "| " + " | ".join(cells) + " |"


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f}"


def wrk_row(scenario: str, result: _wrk.WrkResult, target: Target | None, met: str | None = None) -> Row:
    """A row of a wrk run: its successful answers per second; no latencies when nothing was answered."""
    rate = result.good_per_second
    p50_ms, p99_ms = (result.p50_ms, result.p99_ms) if result.requests else (None, None)
    met = met or verdict(target, rate, p99_ms, result.errors)
    return Row(scenario, rate, p50_ms, p99_ms, result.describe_errors(), target, met)


# --- driving wrk ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Load:
    """What wrk sends: one method and set of headers, and the bodies (built up front) it sends in turn."""

    url: str
    method: str
    headers: Mapping[str, str]
    bodies: Sequence[bytes]


@dataclass(frozen=True, slots=True)
class Driver:
    """wrk's settings for every run, and the directory its scripts and bodies are written to."""

    seconds: float
    warmup: float
    connections: int
    threads: int
    timeout: float
    work: Path

    def script(self, name: str, load: Load, *, delay_ms: int | None = None) -> Path:
        """The wrk script of ``load`` (its bodies written once, next to it), paced by ``delay_ms`` if given."""
        folder = self.work / name
        folder.mkdir(parents=True, exist_ok=True)
        files = [folder / f"body-{number:05d}" for number in range(len(load.bodies))]
        for file, body in zip(files, load.bodies, strict=True):
            if not file.exists():
                file.write_bytes(body)
        script = folder / ("load.lua" if delay_ms is None else f"paced-{delay_ms}ms.lua")
        script.write_text(_wrk.lua_script(load.method, load.headers, files, self.threads, delay_ms))
        return script

    def measure(self, load: Load, script: Path) -> _wrk.WrkResult:
        """A warm-up run, not counted, then the measured one."""
        print(f"  {script.parent.name}: warm-up {self.warmup:.0f} s, then {self.seconds:.0f} s", flush=True)
        self.run(load, script, self.warmup)
        return self.run(load, script, self.seconds)

    def run(self, load: Load, script: Path, seconds: float, connections: int | None = None) -> _wrk.WrkResult:
        return _wrk.run(
            load.url,
            script,
            seconds=seconds,
            connections=connections or self.connections,
            threads=self.threads,
            timeout=self.timeout,
        )


# --- the scenarios -------------------------------------------------------------------------------------------


@dataclass
class Bench:
    """The instance under test and what the scenarios learn along the way (for the notes under the table)."""

    sandbox: Sandbox
    driver: Driver
    data_dir: Path
    database_url: str
    iin: str
    notes: list[str]
    sync_rate: float | None = None
    """(a)'s rate, which (e) is compared with."""
    provider_request: bytes | None = None
    """What the gateway sent the mock for (a)'s body, which (e) sends the mock itself."""

    @property
    def base_url(self) -> str:
        return self.sandbox.base_url

    def check(self, load: Load, what: str) -> httpx.Response:
        """One exchange by hand before wrk replays it: a body the gateway refuses is reported, not measured."""
        response = self.sandbox.http.request(load.method, load.url, content=load.bodies[0], headers=load.headers)
        if response.is_error or b"Fault>" in response.content:
            raise SystemExit(f"{what}: {response.status_code} {response.text[:800]}")
        return response

    def exchange(self, message_id: str) -> dict[str, Any]:
        """The message log's entry of the exchange that carried ``message_id``."""
        found = self.sandbox.http.get(f"/api/v1/messages/{message_id}").json()["exchanges"]
        return dict(found[0])


def sync_unsigned(bench: Bench) -> list[Row]:
    load, provider_request = _unsigned_load(bench)
    bench.provider_request = provider_request
    result = bench.driver.measure(load, bench.driver.script("a-sync-unsigned", load))
    bench.sync_rate = result.good_per_second
    bench.notes.append(
        f"(a) {GBDFL} accepts an unsigned request from DEMO_PORTAL (its transport policy is `optional`, the "
        "service's payload policy `optional`); the answer is still signed: the gateway signs everything it "
        f"sends (WS-Security), and verifies the mock's signed payload. Body: {len(load.bodies[0]):,} bytes, "
        f"one body replayed; the provider-side request (e) is {len(provider_request):,} bytes."
    )
    return [wrk_row(f"(a) {GBDFL}, SyncChannel, unsigned request", result, Target(min_rate=5000))]


def _unsigned_load(bench: Bench) -> tuple[Load, bytes]:
    """(a)'s load, and the request the gateway sent the mock for it (from the message log), for (e)."""
    message_id = "bench-http-unsigned"
    envelope = bench.sandbox.envelope(GBDFL, bench.sandbox.example(GBDFL, iin=bench.iin), message_id=message_id)
    load = Load(f"{bench.base_url}/bip-sync/", "POST", XML, [envelope])
    answer = bench.check(load, "(a) unsigned GBDFL request")
    if b"wsse:Security" not in answer.content:
        raise SystemExit("(a): the gateway's answer is not signed")
    return load, str(bench.exchange(message_id)["providerRequest"]).encode()


def sync_signed(bench: Bench) -> list[Row]:
    load = _signed_load(bench)
    script = bench.driver.script("b-sync-signed", load)
    peak = bench.driver.measure(load, script)
    rows = [wrk_row(f"(b) {GBDFL}, WS-Security-signed request, signed answer", peak, Target(min_rate=2000))]
    wanted = 0.7 * peak.good_per_second
    steady = _paced(bench, load, wanted) if wanted > 0 else peak
    share = steady.good_per_second / peak.good_per_second if peak.good_per_second else 0.0
    label = f"(b′) the same, paced at 70 % of (b)'s peak: {share * 100:.0f} %"
    rows.append(wrk_row(label, steady, Target(max_p99_ms=20)))
    bench.notes.append(
        f"(b) {SIGNED_BODIES:,} envelopes signed up front (WS-Security over the Body, a legal entity's key, BIN "
        f"{PORTAL_BIN}), each with its own messageId, sent in turn. The gateway does not refuse a repeated "
        "messageId on the SyncChannel (a replayed signed body is answered 200; only the AsyncChannel recognises "
        "a sender's repeated own id), so rotating is for realism, not to dodge a refusal. A client does not ask "
        "for a signed answer: the gateway signs every answer (WS-Security) unless QAQPA_SIGN_MESSAGES=false. "
        "Debian's wrk has no fixed-rate mode (wrk2's -R), so (b′) paces the same connections with wrk's "
        "`delay()`: each waits before each request so that all of them make 70 % of the peak (the delay "
        "calibrated by one short run). It is still a closed loop: a slow answer delays that connection's next "
        "request instead of queueing behind it, as an open-loop fixed rate would, so its p99 is a lower bound."
    )
    return rows


def _paced(bench: Bench, load: Load, rate: float) -> _wrk.WrkResult:
    """A run at about ``rate`` per second over the usual connections, after one short run to calibrate."""
    connections = bench.driver.connections
    first = paced_delay_ms(connections, rate)
    probe = bench.driver.script("b-sync-signed", load, delay_ms=round(first))
    measured = bench.driver.run(load, probe, bench.driver.warmup).good_per_second
    delay_ms = round(paced_delay_ms(connections, rate, measured=measured, delay_ms=round(first)))
    print(f"  b-sync-signed: paced at {rate:,.0f} req/s ({delay_ms} ms between requests)", flush=True)
    return bench.driver.run(load, bench.driver.script("b-sync-signed", load, delay_ms=delay_ms), bench.driver.seconds)


def _signed_load(bench: Bench) -> Load:
    key = bench.sandbox.key(bench.iin, bin_=PORTAL_BIN)
    payload = bench.sandbox.example(GBDFL, iin=bench.iin)
    print(f"  signing {SIGNED_BODIES:,} envelopes", flush=True)
    bodies = [
        bench.sandbox.envelope(GBDFL, payload, transport_key=key, message_id=f"bench-http-signed-{number}")
        for number in range(SIGNED_BODIES)
    ]
    load = Load(f"{bench.base_url}/bip-sync/", "POST", XML, bodies)
    bench.check(load, "(b) signed GBDFL request")
    verdicts = [each for each in bench.exchange("bench-http-signed-0")["signatures"] if each["hop"] == "client"]
    if not verdicts or not verdicts[0]["valid"]:
        raise SystemExit(f"(b): the gateway did not verify the request's signature: {verdicts}")
    return load


def case_flow(bench: Bench) -> list[Row]:
    body = json.dumps({"serviceId": INFORMATION, "iin": bench.iin, "wait": True}).encode()
    load = Load(f"{bench.base_url}/api/v1/cases", "POST", {"Content-Type": "application/json"}, [body])
    case = bench.check(load, f"(c) {INFORMATION}").json()
    systems = _systems_asked(bench.sandbox.http.get(f"/api/v1/cases/{case['caseId']}").json())
    result = bench.driver.measure(load, bench.driver.script("c-case-information", load))
    bench.notes.append(
        f"(c) No information flow in the catalogue queries four systems: {INFORMATION} asks three and tells "
        f"the applicant by SMS, four systems in all ({', '.join(systems)}; each through the gateway's "
        "SyncChannel as sender SOCPROT, so one flow is four gateway exchanges plus the case's own writes). The "
        f"probe case was {case['state']} / {case['decision']}."
    )
    title = f"(c) {INFORMATION} case, `wait: true`, {len(systems)} systems"
    return [wrk_row(title, result, Target(min_rate=400, unit="flows/s"))]


def _systems_asked(case: Mapping[str, Any]) -> list[str]:
    """The systems a case's events asked, from their serviceIds."""
    return sorted({event["serviceId"].split("_")[0] for event in case["events"] if event["serviceId"]})


def async_flow(bench: Bench) -> list[Row]:
    load = _async_load(bench)
    bench.check(load, "(d) async sendMessage")
    mailbox = Mailbox(Database(bench.database_url))
    script = bench.driver.script("d-async-send", load)
    print(f"  {script.parent.name}: warm-up {bench.driver.warmup:.0f} s, then its deliveries", flush=True)
    bench.driver.run(load, script, bench.driver.warmup)
    mailbox.wait_until_delivered(timeout=120)
    before, started = mailbox.counts(), time.monotonic()
    sent = bench.driver.run(load, script, bench.driver.seconds)
    after, ended = mailbox.counts(), time.monotonic()
    drained = mailbox.wait_until_delivered(timeout=300)
    drained_at = time.monotonic()
    window = ended - started
    delivered = (after.delivered - before.delivered) / window
    sustained = (drained.delivered - before.delivered) / (drained_at - started)
    failed = drained.failed - before.failed
    taken, polled_for = poll(bench, seconds=bench.driver.seconds)
    bench.notes.append(
        "(d) Accepted: wrk's 202s. Delivered: REQUESTs of DEMO_PORTAL that reached DELIVERED (the gateway called "
        "the mock and stored its RESPONSE), counted in the database right before and right after the wrk run "
        f"({window:.1f} s); {after.waiting:,} were still waiting when it ended and the backlog took a further "
        f"{drained_at - ended:.1f} s to drain ({sustained:,.0f} delivered/s from the run's start to the drain). "
        "The warm-up's deliveries were drained before the window opened. Poll: one client taking the "
        f"RESPONSEs with getMessages (`amount=100`), {taken:,} in {polled_for:.1f} s, not acknowledged."
    )
    accepted_row = wrk_row("(d) AsyncChannel REST sendMessage: accepted", sent, Target(min_rate=1000))
    met = verdict(Target(min_rate=1000), delivered, None, failed)
    return [
        accepted_row,
        Row("(d) … delivered in the background", delivered, None, None, f"{failed:,}", Target(min_rate=1000), met),
        Row("(d) … taken by getMessages (one client)", taken / polled_for, None, None, "0", None, "—"),
    ]


def _async_load(bench: Bench) -> Load:
    data = etree.tostring(bench.sandbox.example(GBDFL, iin=bench.iin), encoding="unicode")
    body = json.dumps({"serviceId": GBDFL, "data": data}).encode()
    credentials = base64.b64encode(":".join(DEMO_SENDER).encode()).decode()
    headers = {"Content-Type": "application/json", "Authorization": f"Basic {credentials}"}
    return Load(f"{bench.base_url}/api/v1/async/messages", "POST", headers, [body])


@dataclass(frozen=True, slots=True)
class MailboxCounts:
    delivered: int
    waiting: int
    failed: int


class Mailbox:
    """DEMO_PORTAL's REQUESTs by state, read straight from the instance's database."""

    def __init__(self, database: Database) -> None:
        self._engine = database.sync_engine

    def counts(self) -> MailboxCounts:
        query = (
            select(async_messages.c.state, func.count())
            .where(async_messages.c.sender_id == DEMO_SENDER[0], async_messages.c.message_type == "REQUEST")
            .group_by(async_messages.c.state)
        )
        with self._engine.connect() as connection:
            states = {str(row[0]): int(row[1]) for row in connection.execute(query)}
        failed = states.get("NOT_DELIVERED", 0) + states.get("DELIVERY_STOPPED", 0)
        return MailboxCounts(states.get("DELIVERED", 0), states.get("ON_DELIVERY", 0), failed)

    def wait_until_delivered(self, *, timeout: float) -> MailboxCounts:
        deadline = time.monotonic() + timeout
        counts = self.counts()
        while counts.waiting and time.monotonic() < deadline:
            time.sleep(0.25)
            counts = self.counts()
        return counts


def poll(bench: Bench, *, seconds: float) -> tuple[int, float]:
    """RESPONSEs taken with getMessages, 100 at a time, until none wait or ``seconds`` pass; and the time."""
    taken, started = 0, time.monotonic()
    params: dict[str, str | int] = {"serviceId": GBDFL, "amount": 100}
    with httpx.Client(base_url=bench.base_url, auth=DEMO_SENDER, timeout=60) as client:
        while time.monotonic() - started < seconds:
            messages = client.get("/api/v1/async/messages", params=params).raise_for_status().json()["messages"]
            if not messages:
                break
            taken += len(messages)
    return taken, max(time.monotonic() - started, 1e-9)


def mock_alone(bench: Bench) -> list[Row]:
    provider_request = bench.provider_request or _unsigned_load(bench)[1]
    arguments = ["mock", "gbdfl", "--data-dir", str(bench.data_dir), "--database-url", bench.database_url]
    arguments += ["--log-level", "warning"]
    with serving(arguments, bench.data_dir / "qaqpa-mock-gbdfl.log") as mock_url:
        alone = _measure(bench, "e-mock-alone", Load(f"{mock_url}/", "POST", XML, [provider_request]))
    mounted = _measure(bench, "e-mock-mounted", Load(f"{bench.base_url}/mocks/gbdfl/", "POST", XML, [provider_request]))
    bench.notes.append(
        "(e) The request the gateway sent the mock for (a)'s body (from the message log: signed by the gateway), "
        "posted straight to `qaqpa mock gbdfl` (one process, the instance's database) and to the same "
        "mock mounted in the instance at /mocks/gbdfl/ (its workers, no gateway code on the path)."
    )
    return [
        wrk_row("(e) GBDFL mock alone (`qaqpa mock gbdfl`, 1 process)", alone, None, _ratio(bench, alone)),
        wrk_row("(e′) GBDFL mock mounted in the instance", mounted, None, _ratio(bench, mounted)),
    ]


def _measure(bench: Bench, name: str, load: Load) -> _wrk.WrkResult:
    bench.check(load, name)
    return bench.driver.measure(load, bench.driver.script(name, load))


def _ratio(bench: Bench, mock: _wrk.WrkResult) -> str:
    if bench.sync_rate is None or not mock.good_per_second:
        return "—"
    return f"— (a/e = {bench.sync_rate / mock.good_per_second:.2f})"


RUNS: dict[str, Callable[[Bench], list[Row]]] = {
    "a": sync_unsigned,
    "b": sync_signed,
    "e": mock_alone,  # after (a), whose rate it is compared with
    "c": case_flow,
    "d": async_flow,  # last: it leaves a mailbox of RESPONSEs behind
}


# --- the scenarios on an instance of their own -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Setup:
    """How the shared instance was started, for the scenarios that start one of their own."""

    data_dir: Path
    database_url: str
    """SQLite in the data directory, or the PostgreSQL database given."""
    workers: int
    population: int
    driver: Driver


def sync_without_signatures(setup: Setup, iin: str, notes: list[str]) -> list[Row]:
    """(a₀): (a) on the same data restarted to sign nothing (``QAQPA_SIGN_MESSAGES=false``) and to check no
    signature of the Individuals DB's (its registry row's provider policy ``none``, as an operator sets it)."""
    registry = Database(setup.database_url)
    _provider_signature(registry, "none")
    try:
        unsigned = {"QAQPA_SIGN_MESSAGES": "false"}
        with instance(setup, env=unsigned) as sandbox:
            bench = Bench(sandbox, setup.driver, setup.data_dir, setup.database_url, iin, notes)
            message_id = "bench-http-no-signatures"
            envelope = sandbox.envelope(GBDFL, sandbox.example(GBDFL, iin=iin), message_id=message_id)
            load = Load(f"{sandbox.base_url}/bip-sync/", "POST", XML, [envelope])
            if b"wsse:Security" in bench.check(load, "(a₀) GBDFL without signatures").content:
                raise SystemExit("(a₀): the gateway signed its answer")
            if bench.exchange(message_id)["signatures"]:
                raise SystemExit("(a₀): the gateway checked a signature")
            result = setup.driver.measure(load, setup.driver.script("a0-sync-no-signatures", load))
    finally:
        _provider_signature(registry, "required")
        registry.sync_engine.dispose()
    notes.append(
        "(a₀) The same body as (a), the instance restarted on the same data with QAQPA_SIGN_MESSAGES=false and "
        f"{GBDFL}'s provider signature policy `none`: the gateway signs nothing and checks no signature. The "
        "mock still signs its answer's payload, as the real ГБД ФЛ does (one RSA signature, ~0.4 ms)."
    )
    return [wrk_row(f"(a₀) {GBDFL}, no signature checked or made by the gateway", result, Target(min_rate=5000))]


def _provider_signature(database: Database, policy: str) -> None:
    with database.sync_engine.begin() as connection:
        connection.execute(update(services).where(services.c.service_id == GBDFL).values(provider_signature=policy))


def million(setup: Setup, notes: list[str], size: int) -> list[Row]:
    """(f): ``size`` citizens generated into a database of their own, then ГБД ФЛ lookups one at a time."""
    data_dir = setup.data_dir / "million"
    data_dir.mkdir(exist_ok=True)
    database_url = f"sqlite:///{data_dir / 'qaqpa.db'}"
    seconds, rows = generated(database_url, size, data_dir)
    iins = sample(database_url, 1000)
    arguments = ["up", "--data-dir", str(data_dir), "--no-access-log", "--log-level", "warning"]
    print(f"  f-million: {size:,} citizens, {MILLION_LOOKUPS:,} lookups one at a time", flush=True)
    with serving(arguments, data_dir / "qaqpa-up.log") as base_url:
        found = lookups(base_url, GBDFL, iins, MILLION_LOOKUPS)
    notes.append(
        f"(f) bench/population.py's two steps: {size:,} citizens ({rows:,} rows in all) generated into SQLite "
        f"with seed 407 in {seconds:,.0f} s; then `qaqpa up` (one worker) on them, {MILLION_LOOKUPS:,} "
        f"{GBDFL} requests for 1,000 random citizens, one at a time over one keep-alive connection, the full "
        "signed path as in (a). `python -m bench.population` also times two other registries."
    )
    generation_target = Target(min_rate=size / 180, unit="citizens/s")
    lookup_target = Target(max_p99_ms=10)
    return [
        Row(
            f"(f) generate {size:,} citizens: {seconds:,.0f} s",
            size / seconds,
            None,
            None,
            "0",
            generation_target,
            verdict(generation_target, size / seconds, None, 0),
        ),
        Row(
            f"(f) {GBDFL} among {size:,}, one at a time",
            found.per_second,
            found.p50,
            found.p99,
            "0",
            lookup_target,
            verdict(lookup_target, found.per_second, found.p99, 0),
        ),
    ]


MILLION_LOOKUPS = 2000


# --- the report ----------------------------------------------------------------------------------------------


def table(rows: Sequence[Row], notes: Sequence[str]) -> str:
    lines = ["| scenario | req/s | p50 ms | p99 ms | errors | target | met? |", "|---|---:|---:|---:|---:|---|---|"]
    lines += [row.markdown() for row in rows]
    return "\n".join([*lines, "", *(f"- {note}" for note in notes)])


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="per measured run [default: 10]")
    parser.add_argument("--warmup", type=float, default=3, help="uncounted run before each [default: 3]")
    parser.add_argument("--connections", type=int, default=32, help="wrk's keep-alive connections [default: 32]")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads [default: 2]")
    parser.add_argument("--workers", type=int, default=2, help="qaqpa up's worker processes [default: 2]")
    parser.add_argument("--population", type=int, default=10_000, help="citizens [default: 10,000]")
    parser.add_argument("--data-dir", type=Path, help="reuse this data directory [default: a new one]")
    parser.add_argument("--database-url", help="the instance's database [default: SQLite in the data directory]")
    parser.add_argument("--only", default=",".join(SCENARIOS), help="scenarios to run, e.g. a,e [default: all]")
    parser.add_argument("--million", type=int, default=1_000_000, help="(f)'s citizens [default: 1,000,000]")
    arguments = parser.parse_args()
    unknown = set(arguments.only.split(",")) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}: choose from {','.join(SCENARIOS)}")
    return arguments


@contextmanager
def instance(setup: Setup, env: Mapping[str, str] | None = None) -> Iterator[Sandbox]:
    arguments = ["up", "--data-dir", str(setup.data_dir), "--database-url", setup.database_url]
    arguments += ["--workers", str(setup.workers), "--population-size", str(setup.population)]
    arguments += ["--no-access-log", "--log-level", "warning"]
    shown = Database(setup.database_url).display_url
    print(f"Starting qaqpa up on {shown} ({setup.population:,} citizens, {setup.workers} workers)", flush=True)
    with serving(arguments, setup.data_dir / "qaqpa-up.log", env=env) as base_url:
        sandbox = Sandbox(base_url)
        try:
            yield sandbox
        finally:
            sandbox.close()


def main() -> None:
    wrk_version = _wrk.version()
    if wrk_version is None:
        raise SystemExit("bench.http drives wrk, which is not installed: apt-get install wrk (or make tools)")
    arguments = _arguments()
    data_dir = arguments.data_dir or Path(tempfile.mkdtemp(prefix="qaqpa-bench-http-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="wrk-", dir=data_dir))
    driver = Driver(arguments.seconds, arguments.warmup, arguments.connections, arguments.threads, 10, work)
    chosen = arguments.only.split(",")
    database_url = arguments.database_url or f"sqlite:///{data_dir / 'qaqpa.db'}"
    setup = Setup(data_dir, database_url, arguments.workers, arguments.population, driver)
    with instance(setup) as sandbox:
        [iin] = sandbox.citizens("pensioner")
        bench = Bench(sandbox, driver, data_dir, database_url, iin, [])
        rows = [row for key, run in RUNS.items() if key in chosen for row in run(bench)]
    if "a" in chosen:
        rows[1:1] = sync_without_signatures(setup, iin, bench.notes)
    if "f" in chosen:
        rows += million(setup, bench.notes, arguments.million)
    details = machine(
        f"qaqpa up --workers {arguments.workers} --no-access-log --log-level warning",
        f"dev mode (for the demo senders), {Database(database_url).urls.sync.get_backend_name()}",
        f"{arguments.population:,} citizens",
        f"{wrk_version}: -t {arguments.threads} -c {arguments.connections} --latency --timeout 10s, "
        f"{arguments.seconds:.0f} s per run after a {arguments.warmup:.0f} s warm-up, on the same machine",
    )
    publish("http", "HTTP under load", details, table(rows, bench.notes))


if __name__ == "__main__":
    main()
