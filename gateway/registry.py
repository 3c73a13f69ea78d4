"""The service registry: which system answers a serviceId, where, in which payload style, how fast, and how
async messages reach it.

Rows live in the ``services`` table so that every gateway process sees the same registry; each process
keeps them in memory after start-up. A row either names a built-in mock (``mock_system``), reached at this
instance's own address, or a ``provider_url`` of a real upstream.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from sqlalchemy import Connection, insert, select, update

from contracts.loader import Contracts, PayloadContract
from contracts.shep import PayloadStyle
from gateway.storage.tables import services
from mocks.catalogue import MockSystem, SignatureRequirement
from mocks.storage import Storage

AsyncDelivery = Literal["sync", "push", "pull"]
"""How an async message reaches a provider: its SyncChannel (whose answer becomes the RESPONSE), a push to its
IAsyncChannelClient, or its own getMessages."""


@dataclass(frozen=True, slots=True)
class Service:
    service_id: str
    system: str
    system_name: str
    channel: str
    description: str
    contract: PayloadContract
    provider_url: str
    payload_style: PayloadStyle
    timeout_seconds: float
    enabled: bool
    transport_signature: SignatureRequirement = "optional"
    payload_signature: SignatureRequirement = "optional"
    signer_iin_field: str | None = None
    provider_signature: SignatureRequirement = "none"
    provider_bin: str | None = None
    is_mock: bool = False
    """Answered by a built-in mock (which obeys ``X-Qaqpa-Fault``), not a real upstream."""
    async_delivery: AsyncDelivery = "sync"
    async_url: str | None = None
    provider_sender: str | None = None
    """The senderId the provider uses to take its messages (pull) and to answer them (RESPONSE)."""
    response_window_seconds: float = 1800.0
    """How long a REQUEST waits for its RESPONSE before DELIVERY_STOPPED."""
    validate_outbound: bool = True
    """Check what the gateway sends for this service against contracts/ (gateway/shep/outbound.py)."""


class ServiceRegistry:
    """The registry as this process sees it; :meth:`reload` swaps in the database's current rows at once."""

    def __init__(self, entries: Iterable[Service] = ()) -> None:
        self._services: Mapping[str, Service] = MappingProxyType({entry.service_id: entry for entry in entries})

    def get(self, service_id: str) -> Service | None:
        return self._services.get(service_id)

    def all(self) -> list[Service]:
        return sorted(self._services.values(), key=lambda service: service.service_id)

    async def reload(
        self,
        storage: Storage,
        contracts: Contracts,
        mocks_base_url: str,
        default_timeout: float,
        default_window: float,
        validate_outbound: bool = True,
        mock_urls: Mapping[str, str] | None = None,
    ) -> None:
        """The registry's rows; a built-in mock is reached at ``mock_urls[name]`` when it runs on its own,
        else under ``mocks_base_url``."""
        rows = await storage.read(lambda connection: connection.execute(select(services)).mappings().all())
        entries = []
        for row in rows:
            own = (mock_urls or {}).get(row["mock_system"] or "")
            provider_url = row["provider_url"] or own or f"{mocks_base_url}/mocks/{row['mock_system']}/"
            entries.append(
                Service(
                    service_id=row["service_id"],
                    system=row["system"],
                    system_name=row["system_name"],
                    channel=row["channel"],
                    description=row["description"],
                    contract=contracts.payload(row["contract"]),
                    provider_url=provider_url,
                    payload_style=row["payload_style"],
                    timeout_seconds=row["timeout_seconds"] or default_timeout,
                    enabled=row["enabled"],
                    transport_signature=row["transport_signature"],
                    payload_signature=row["payload_signature"],
                    signer_iin_field=row["signer_iin_field"],
                    provider_signature=row["provider_signature"],
                    provider_bin=row["provider_bin"],
                    is_mock=row["mock_system"] is not None and row["provider_url"] is None,
                    async_delivery=row["async_delivery"],
                    async_url=row["async_url"],
                    provider_sender=row["provider_sender"],
                    response_window_seconds=row["response_window_seconds"] or default_window,
                    validate_outbound=validate_outbound
                    if row["schema_validation"] is None
                    else row["schema_validation"],
                )
            )
        self._services = MappingProxyType({entry.service_id: entry for entry in entries})


def seed_mock_services(connection: Connection, systems: Iterable[MockSystem]) -> None:
    """Register every built-in mock's serviceIds, keeping what an operator changed (URL, timeout, enabled)."""
    known = set(connection.execute(select(services.c.service_id)).scalars())
    for system in systems:
        for service in system.services:
            values = {
                "system": system.code,
                "system_name": system.title,
                "channel": service.channel,
                "description": service.description,
                "contract": service.contract,
                "mock_system": system.name,
                "signer_iin_field": service.signer_iin_field,
                "provider_bin": system.bin,
            }
            if service.service_id in known:
                connection.execute(update(services).where(services.c.service_id == service.service_id).values(values))
            else:
                connection.execute(
                    insert(services).values(
                        service_id=service.service_id,
                        provider_url=None,
                        payload_style=service.payload_style,
                        timeout_seconds=None,
                        enabled=True,
                        transport_signature="optional",
                        payload_signature=service.payload_signature,
                        provider_signature="required",
                        **values,
                    )
                )
