"""``create_app(settings)``: the whole product as one ASGI application.

The gateway's routes, plus every mock information system mounted under ``/mocks/<name>/``. The gateway
reaches the mocks through its provider client like any upstream: over real HTTP to its own address by
default, or in-process (``mock_transport="inprocess"``) when asked.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
import httpx
from fastapi import FastAPI

from contracts.loader import load_contracts
from contracts.parsing import XmlLimits
from gateway._version import __version__
from gateway.api import catalogue, messages, operations, soap
from gateway.api.problems import install_problem_handlers
from gateway.bootstrap import bootstrap
from gateway.clock import Clock, SystemClock
from gateway.message_log import MessageLog
from gateway.metrics import Metrics
from gateway.registry import ServiceRegistry
from gateway.runtime import Runtime
from gateway.senders import SenderDirectory
from gateway.settings import Settings
from gateway.shep import SyncChannel
from gateway.storage.database import Database
from gateway.upstream import Upstream
from mocks import create_mock_app
from mocks.catalogue import SYSTEMS

log = logging.getLogger(__name__)

_INPROCESS_BASE = "http://qaqpa.inprocess"


def create_app(settings: Settings | None = None, *, clock: Clock | None = None) -> FastAPI:
    settings = settings or Settings()
    clock = clock or SystemClock()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(bootstrap, settings, runtime.database, clock)
        await runtime.registry.reload(
            runtime.database.engine, runtime.contracts, mocks_base, settings.provider_timeout_seconds
        )
        runtime.ready = True
        log.info("Qaqpa %s ready (%s mode, database %s)", __version__, settings.mode, runtime.database.display_url)
        try:
            yield
        finally:
            runtime.ready = False
            await runtime.upstream.close()
            await runtime.database.dispose()

    app = FastAPI(
        title="Qaqpa",
        version=__version__,
        summary="A sandbox of Kazakhstan's e-government gateway (ShEP) with mock state information systems",
        lifespan=lifespan,
    )
    install_problem_handlers(app)
    for router in (soap.router, catalogue.router, messages.router, operations.router):
        app.include_router(router)

    database = Database(settings.resolved_database_url)
    limits = XmlLimits(max_bytes=settings.max_body_bytes, max_depth=settings.max_xml_depth)
    for system in SYSTEMS:
        app.mount(f"/mocks/{system.name}", create_mock_app(system, database.engine, clock.now, limits=limits))

    if settings.mock_transport == "inprocess":
        mocks_base = _INPROCESS_BASE
        mounts: dict[str, httpx.AsyncBaseTransport] | None = {_INPROCESS_BASE: httpx.ASGITransport(app=app)}
    else:
        mocks_base, mounts = settings.local_base_url, None
    upstream = Upstream(
        httpx.AsyncClient(
            mounts=mounts,
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
            timeout=httpx.Timeout(settings.provider_timeout_seconds),
        ),
        settings.max_body_bytes,
    )
    runtime = _runtime(settings, clock, database, upstream, limits)
    app.state.runtime = runtime
    return app


def _runtime(settings: Settings, clock: Clock, database: Database, upstream: Upstream, limits: XmlLimits) -> Runtime:
    contracts = load_contracts()
    metrics = Metrics()
    message_log = MessageLog(database.engine)
    senders = SenderDirectory(database.engine, allow_demo=settings.dev)
    registry = ServiceRegistry()
    sync_channel = SyncChannel(
        contracts=contracts,
        registry=registry,
        senders=senders,
        upstream=upstream,
        message_log=message_log,
        metrics=metrics,
        clock=clock,
        limits=limits,
    )
    runtime = Runtime(
        settings=settings,
        clock=clock,
        database=database,
        contracts=contracts,
        metrics=metrics,
        message_log=message_log,
        senders=senders,
        upstream=upstream,
        sync_channel=sync_channel,
        registry=registry,
    )
    return runtime
