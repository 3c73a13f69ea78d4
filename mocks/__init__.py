"""The state information systems as ShEP providers, on one synthetic population.

``create_mock_app(system, storage, now)`` builds the ASGI app of one system; ``qaqpa up`` mounts each at
``/mocks/<name>/`` and the gateway reaches it over HTTP like any provider.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from starlette.applications import Starlette

from contracts.parsing import DEFAULT_LIMITS, XmlLimits
from mocks.catalogue import GBDFL, SYSTEMS, MockService, MockSystem, system_by_name
from mocks.faults import FaultBook
from mocks.gbdfl import IndividualsDb
from mocks.journal import Journal
from mocks.population import PopulationStore
from mocks.provider import Handler, Signer, create_provider_app
from mocks.storage import Storage
from mocks.systems._registry import Registry
from mocks.systems.contributions import PensionFund, SocialInsuranceFund
from mocks.systems.court import CourtRegistry
from mocks.systems.disability import DisabilityRegistry
from mocks.systems.guardianship import GuardianshipRegistry
from mocks.systems.labour import LabourMarket, TaxRegistry
from mocks.systems.payments import BenefitsRegistry, PaymentGateway, SmsService
from mocks.systems.zags import CivilRegistry

__all__ = ["SYSTEMS", "MockService", "MockSystem", "create_mock_app", "system_by_name"]


def create_mock_app(
    system: MockSystem,
    storage: Storage,
    now: Callable[[], datetime],
    *,
    limits: XmlLimits = DEFAULT_LIMITS,
    signer: Signer | None = None,
    faults: FaultBook | None = None,
    journal: Journal | None = None,
) -> Starlette:
    """The ASGI app of ``system``: answers signed with ``signer``'s keys, faults as ``faults`` rules, every
    request written to ``journal`` (each optional)."""
    handlers = handlers_of(system, storage, now)
    return create_provider_app(system, handlers, now, limits=limits, signer=signer, faults=faults, journal=journal)


def handlers_of(system: MockSystem, storage: Storage, now: Callable[[], datetime]) -> dict[str, Handler]:
    """The implementation of each serviceId of ``system``."""
    if system is GBDFL:
        return {"GBDFL_UniversalServiceSync": IndividualsDb(storage, now).universal_service_sync}
    registry_class, contract = _REGISTRIES[system.name]
    registry = registry_class(system, contract, PopulationStore(storage), now)
    handlers: dict[str, Handler] = {
        service.service_id: getattr(registry, registry.serves[service.service_id]) for service in system.services
    }
    return handlers


# Each simulated system: the class that answers it and the contract it answers in (contracts/sim/).
_REGISTRIES: dict[str, tuple[type[Registry], str]] = {
    "zags": (CivilRegistry, "zags"),
    "eopeka": (GuardianshipRegistry, "eopeka"),
    "euosh": (GuardianshipRegistry, "eopeka"),
    "cbdi": (DisabilityRegistry, "cbdi"),
    "sud": (CourtRegistry, "sud"),
    "isna": (TaxRegistry, "isna"),
    "enbek": (LabourMarket, "enbek"),
    "enpf": (PensionFund, "enpf"),
    "gfss": (SocialInsuranceFund, "gfss"),
    "emaket": (BenefitsRegistry, "emaket"),
    "epay": (PaymentGateway, "epay"),
    "sms": (SmsService, "sms"),
}
