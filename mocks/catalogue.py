"""The mock information systems and the serviceIds each one answers.

This is what the gateway's service registry is seeded with. serviceId ``GBDFL_UniversalServiceSync`` is
the real ГБД ФЛ interaction name (shared/notes/protocols-shep-xroad.md §1.9) and a public commitment
(shared/DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from contracts.shep import PayloadStyle

Channel = Literal["sync", "async"]


SignatureRequirement = Literal["none", "optional", "required"]


@dataclass(frozen=True, slots=True)
class MockService:
    service_id: str
    channel: Channel
    description: str
    contract: str
    payload_style: PayloadStyle
    payload_signature: SignatureRequirement = "optional"
    """Whether the client's payload must carry an enveloped signature (verified whenever present)."""
    signer_iin_field: str | None = None
    """The payload element whose IIN the payload's signer must hold, when the signature binds to one."""


@dataclass(frozen=True, slots=True)
class MockSystem:
    name: str
    """Short lower-case name: the URL segment (``/mocks/<name>/``) and the CLI argument."""
    code: str
    """The system's participant code in its answers (``sender/code``)."""
    title: str
    name_ru: str
    name_kz: str
    bin: str
    """The operator's BIN (simulated): the mock signs its answers with a legal-entity certificate carrying it."""
    organization: str
    services: tuple[MockService, ...]


GBDFL = MockSystem(
    name="gbdfl",
    code="GBDFL",
    title="Individuals DB (ГБД ФЛ)",
    name_ru="ГБД ФЛ",
    name_kz="ЖТ МДБ",
    bin="040340200027",
    organization="QAQPA ЖТ МДБ (ГБД ФЛ)",
    services=(
        MockService(
            service_id="GBDFL_UniversalServiceSync",
            channel="sync",
            description="Look a person up in the Individuals DB by IIN, document number, or name and birth date",
            contract="gbdfl",
            payload_style="inline",
        ),
    ),
)

SYSTEMS: tuple[MockSystem, ...] = (GBDFL,)


def system_by_name(name: str) -> MockSystem:
    for system in SYSTEMS:
        if system.name == name:
            return system
    raise KeyError(name)
