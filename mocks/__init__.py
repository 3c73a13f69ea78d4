"""The state information systems as ShEP providers, on one synthetic population.

``create_mock_app(system, engine, now)`` builds the ASGI app of one system; ``qaqpa up`` mounts each at
``/mocks/<name>/`` and the gateway reaches it over HTTP like any provider.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from contracts.parsing import DEFAULT_LIMITS, XmlLimits
from mocks.catalogue import GBDFL, SYSTEMS, MockService, MockSystem, system_by_name
from mocks.gbdfl import IndividualsDb
from mocks.provider import Handler, create_provider_app
from signing.xmldsig import SigningKey

__all__ = ["SYSTEMS", "MockService", "MockSystem", "create_mock_app", "system_by_name"]


def create_mock_app(
    system: MockSystem,
    engine: AsyncEngine,
    now: Callable[[], datetime],
    *,
    limits: XmlLimits = DEFAULT_LIMITS,
    signer: Callable[[], SigningKey] | None = None,
) -> Starlette:
    """The ASGI app of ``system``; its answers are signed with ``signer()`` when one is given."""
    handlers: dict[str, Handler]
    if system is GBDFL:
        individuals = IndividualsDb(engine, now)
        handlers = {"GBDFL_UniversalServiceSync": individuals.universal_service_sync}
    else:
        raise KeyError(f"no mock implementation for {system.name}")
    return create_provider_app(system, handlers, now, limits=limits, signer=signer)
