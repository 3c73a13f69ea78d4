"""``create_app(settings)``: the whole product as one ASGI application.

The gateway's routes, plus every mock information system mounted under ``/mocks/<name>/``. The gateway
reaches the mocks through its provider client like any upstream: over real HTTP to its own address by
default, or in-process (``mock_transport="inprocess"``) when asked.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import anyio.to_thread
import httpx
from fastapi import FastAPI

from contracts.loader import load_contracts
from contracts.parsing import XmlLimits
from contracts.regulations import load_catalogue
from gateway._version import __version__
from gateway.api import async_messages, cases, catalogue, messages, meta, mocks, operations, pki, population, runs, soap
from gateway.api import clock as clock_api
from gateway.api.problems import PROBLEM_RESPONSES, document_problems, install_problem_handlers, problem
from gateway.bootstrap import bootstrap
from gateway.cases import SOCPROT, CaseChoices, CaseEngine, CaseStore, DataQueries
from gateway.cases.provider import case_handlers
from gateway.cases.sender import orchestrator_password
from gateway.cases.updates import CaseUpdates
from gateway.clock import Clock, SystemClock, VirtualClock
from gateway.clock_state import SharedClock
from gateway.console import PREFIX as CONSOLE
from gateway.console import create_console
from gateway.errors import InvalidRunHeader
from gateway.mailbox import Courier, Mailbox
from gateway.message_log import MessageLog
from gateway.metrics import Metrics
from gateway.pki import Pki
from gateway.registry import ServiceRegistry
from gateway.runtime import Runtime
from gateway.senders import SenderDirectory
from gateway.settings import Settings
from gateway.shep import AsyncChannel, SyncChannel
from gateway.shep.async_channel import Settings as AsyncSettings
from gateway.signatures import Signatures
from gateway.storage.database import Database, log_failure
from gateway.throttle import ClientAddressMiddleware, FailedSignIns
from gateway.upstream import Upstream
from mocks import create_mock_app
from mocks.catalogue import SYSTEMS, MockSystem
from mocks.editing import PopulationEditor
from mocks.faults import FaultBook
from mocks.journal import Journal
from mocks.provider import create_provider_app
from mocks.runs import RunMiddleware
from signing.pki.profiles import PublicationUrls

log = logging.getLogger(__name__)

_INPROCESS_BASE = "http://qaqpa.inprocess"


def create_app(settings: Settings | None = None, *, clock: Clock | None = None) -> FastAPI:
    """The gateway and every mock system (``qaqpa up``). The clock is virtual in dev mode (gateway/clock.py)."""
    settings = settings or Settings()
    return _build(settings, clock or _default_clock(settings), SYSTEMS, alone=False)


def create_mock_server(system: MockSystem, settings: Settings | None = None, *, clock: Clock | None = None) -> FastAPI:
    """One mock system alone, answering at ``/`` (``qaqpa mock NAME``): the same code and the same data as
    inside ``qaqpa up`` (population, PKI, fault rules, journal, clock), with its admin API and the population's."""
    settings = settings or Settings()
    return _build(settings, clock or _default_clock(settings), (system,), alone=True)


def _default_clock(settings: Settings) -> Clock:
    return VirtualClock() if settings.dev else SystemClock()


KEEPALIVE_SECONDS = 2.0
"""How long the gateway keeps an idle connection to a provider (soak, 2026-12-07: one reset at 5 s)."""


def _build(settings: Settings, clock: Clock, systems: tuple[MockSystem, ...], *, alone: bool) -> FastAPI:

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(bootstrap, settings, runtime.database, clock)
        if runtime.shared_clock is not None:
            await runtime.database.read(runtime.shared_clock.refresh)
        await anyio.to_thread.run_sync(_load_pki, runtime)
        await runtime.registry.reload(
            runtime.database,
            runtime.contracts,
            mocks_base,
            settings.provider_timeout_seconds,
            settings.response_window_minutes * 60,
            settings.validates_outbound,
            settings.mock_urls,
        )
        refresher = asyncio.create_task(_refresh_revocations(runtime), name="qaqpa-revocations")
        checkpointer = (
            asyncio.create_task(_checkpoint(runtime.database), name="qaqpa-checkpoints")
            if runtime.database.urls.is_sqlite
            else None
        )
        clock_keeper = asyncio.create_task(_keep_clock_in_step(runtime), name="qaqpa-clock")
        courier = (
            asyncio.create_task(runtime.courier.run(), name="qaqpa-courier") if runtime.courier is not None else None
        )
        case_keeper = (
            asyncio.create_task(_keep_cases(runtime), name="qaqpa-cases") if runtime.cases is not None else None
        )
        runtime.ready = True
        log.info("Qaqpa %s ready (%s mode, database %s)", __version__, settings.mode, runtime.database.display_url)
        try:
            yield
        finally:
            runtime.ready = False
            refresher.cancel()
            clock_keeper.cancel()
            if checkpointer is not None:
                checkpointer.cancel()
            if courier is not None:
                courier.cancel()
            if case_keeper is not None:
                case_keeper.cancel()
            await runtime.upstream.close()
            await runtime.database.dispose()

    app = FastAPI(
        title=f"Qaqpa: {systems[0].title}" if alone else "Qaqpa",
        version=__version__,
        summary="A sandbox of Kazakhstan's e-government gateway (ShEP) with mock state information systems",
        lifespan=lifespan,
    )
    install_problem_handlers(app)
    app.add_middleware(RunMiddleware, refuse=lambda message: problem(InvalidRunHeader(message)))
    app.add_middleware(ClientAddressMiddleware)
    routers = (
        (mocks, population, clock_api, operations, runs)
        if alone
        else (
            soap,
            async_messages,
            catalogue,
            meta,
            messages,
            mocks,
            population,
            clock_api,
            pki,
            operations,
            cases,
            runs,
        )
    )
    for module in routers:
        # SOAP answers its faults as SOAP Faults; everything else as problem+json.
        app.include_router(module.router, responses=None if module is soap else PROBLEM_RESPONSES)
    document_problems(app)

    database = Database(settings.resolved_database_url)
    limits = XmlLimits(max_bytes=settings.max_body_bytes, max_depth=settings.max_xml_depth)
    instance_pki = Pki()
    faults = FaultBook(database, clock.now)
    journal = Journal(database, settings.journal_capacity)
    mock_paths = {system.name: "/" if alone else f"/mocks/{system.name}/" for system in systems}
    for system in systems:
        mock = create_mock_app(
            system,
            database,
            clock.now,
            limits=limits,
            signer=functools.partial(instance_pki.system_key, system.name),
            faults=faults,
            journal=journal,
        )
        app.mount(mock_paths[system.name].rstrip("/"), mock)
    if not alone:
        # SOCPROT plays the social-protection side of the regulations: its handlers run the orchestrator.
        socprot = create_provider_app(
            SOCPROT,
            case_handlers(lambda: _cases(app), clock.now),
            clock.now,
            limits=limits,
            signer=functools.partial(instance_pki.system_key, SOCPROT.name),
            faults=faults,
            journal=journal,
        )
        app.mount(f"/mocks/{SOCPROT.name}", socprot)

    if settings.mocks_in_process:
        mocks_base = _INPROCESS_BASE
        mounts: dict[str, httpx.AsyncBaseTransport] | None = {_INPROCESS_BASE: httpx.ASGITransport(app=app)}
    else:
        mocks_base, mounts = settings.local_base_url, None
    upstream = Upstream(
        httpx.AsyncClient(
            mounts=mounts,
            # An idle connection is dropped well before the other side's keep-alive ends (uvicorn's is 5 s, as is
            # httpx's default expiry): a request sent on it as the server closes it is Provider.ConnectionReset.
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50, keepalive_expiry=KEEPALIVE_SECONDS),
            timeout=httpx.Timeout(settings.provider_timeout_seconds),
        ),
        settings.max_body_bytes,
    )
    runtime = _runtime(settings, clock, database, upstream, limits, instance_pki, faults, journal, mock_paths, alone)
    app.state.runtime = runtime
    if not alone:
        app.mount(CONSOLE, create_console(runtime))
    return app


def _runtime(
    settings: Settings,
    clock: Clock,
    database: Database,
    upstream: Upstream,
    limits: XmlLimits,
    instance_pki: Pki,
    faults: FaultBook,
    journal: Journal,
    mock_paths: dict[str, str],
    alone: bool,
) -> Runtime:
    contracts = load_contracts()
    load_catalogue()  # a broken catalogue entry stops the instance here, naming the file and the reason
    metrics = Metrics()
    message_log = MessageLog(database)
    sign_ins = FailedSignIns(
        clock.now, limit=settings.sign_in_limit, window=timedelta(minutes=settings.sign_in_lockout_minutes)
    )
    senders = SenderDirectory(database, allow_demo=settings.dev, sign_ins=sign_ins)
    registry = ServiceRegistry()
    signatures = Signatures(instance_pki, sign_messages=settings.sign_messages)
    sync_channel = SyncChannel(
        contracts=contracts,
        registry=registry,
        senders=senders,
        upstream=upstream,
        message_log=message_log,
        metrics=metrics,
        clock=clock,
        limits=limits,
        signatures=signatures,
    )
    mailbox = Mailbox(database, clock)
    courier = Courier(
        mailbox=mailbox,
        registry=registry,
        sync_channel=sync_channel,
        upstream=upstream,
        signatures=signatures,
        contracts=contracts,
        limits=limits,
        metrics=metrics,
        clock=clock,
        concurrency=settings.delivery_concurrency,
    )
    async_channel = AsyncChannel(
        contracts=contracts,
        registry=registry,
        senders=senders,
        mailbox=mailbox,
        wake_courier=courier.wake,
        message_log=message_log,
        metrics=metrics,
        clock=clock,
        limits=limits,
        signatures=signatures,
        settings=AsyncSettings(
            settings.poll_amount, timedelta(seconds=settings.redelivery_seconds), settings.validates_outbound
        ),
    )
    orchestrator = None
    if not alone:
        queries = DataQueries(sync_channel, registry, clock, limits, orchestrator_password(settings))
        orchestrator = CaseEngine(
            CaseStore(database),
            queries,
            clock,
            functools.partial(instance_pki.system_key, SOCPROT.name),
            answer_wait_seconds=settings.provider_timeout_seconds + 2,
            updates=CaseUpdates(async_channel, contracts.payload("socprot"), clock, orchestrator_password(settings)),
            choices=CaseChoices.of(settings),
            metrics=metrics,
        )
    return Runtime(
        cases=orchestrator,
        settings=settings,
        clock=clock,
        database=database,
        contracts=contracts,
        metrics=metrics,
        message_log=message_log,
        senders=senders,
        sign_ins=sign_ins,
        upstream=upstream,
        sync_channel=sync_channel,
        async_channel=async_channel,
        mailbox=mailbox,
        courier=None if alone else courier,
        registry=registry,
        pki=instance_pki,
        faults=faults,
        journal=journal,
        population=PopulationEditor(database, clock.now),
        mock_paths=mock_paths,
        shared_clock=SharedClock(clock) if isinstance(clock, VirtualClock) else None,
    )


def _load_pki(runtime: Runtime) -> None:
    settings = runtime.settings
    runtime.pki.load(
        settings.pki_dir,
        runtime.database.sync_engine,
        runtime.clock,
        PublicationUrls(settings.advertised_url),
        (*SYSTEMS, SOCPROT),
        check=settings.revocation_check,
        allow_sha1=settings.allow_sha1,
    )


async def _keep_clock_in_step(runtime: Runtime) -> None:
    """Pick up clock changes made by other processes (``qaqpa clock``, other gateways)."""
    if runtime.shared_clock is None:
        return
    while True:
        await asyncio.sleep(runtime.settings.clock_refresh_seconds)
        try:
            await runtime.catch_up_with_clock()
        except Exception:
            log_failure(log, "could not read the shared clock or act on its time; keeping its last state")


def _cases(app: FastAPI) -> CaseEngine:
    runtime: Runtime = app.state.runtime
    if runtime.cases is None:
        raise LookupError("this process runs no orchestrator")
    return runtime.cases


async def _keep_cases(runtime: Runtime) -> None:
    """Move on the cases the clock made due (the clock API does it at once when a tester moves the clock)."""
    assert runtime.cases is not None
    while True:
        await asyncio.sleep(runtime.settings.clock_refresh_seconds * 4)
        try:
            await runtime.cases.move_on()
        except Exception:
            log_failure(log, "could not move the due cases on; trying again")


async def _checkpoint(database: Database) -> None:
    """Checkpoint SQLite's write-ahead log off the requests' path (Database.checkpoint)."""
    while True:
        await asyncio.sleep(0.25)
        try:
            await anyio.to_thread.run_sync(database.checkpoint)
        except Exception:
            log_failure(log, "could not checkpoint the SQLite write-ahead log; trying again")


async def _refresh_revocations(runtime: Runtime) -> None:
    """Pick up revocations made by other processes (the CLI, other gateways) every so often."""
    while True:
        await asyncio.sleep(runtime.settings.revocation_refresh_seconds)
        try:
            await anyio.to_thread.run_sync(runtime.pki.refresh_revocations, runtime.database.sync_engine)
        except Exception:
            log_failure(log, "could not refresh the revocation list; keeping the last one")
