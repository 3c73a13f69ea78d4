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

    def offers(self, service_id: str | None) -> bool:
        """Whether a fault rule or a request may name ``service_id`` here (None: every serviceId, always)."""
        return service_id is None or any(service.service_id == service_id for service in self.services)


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


def _system(
    name: str, code: str, title: str, name_ru: str, name_kz: str, bin_: str, services: tuple[MockService, ...]
) -> MockSystem:
    return MockSystem(name, code, title, name_ru, name_kz, bin_, f"QAQPA {name_kz}"[:60], services)


def _by_iin(service_id: str, description: str, contract: str) -> MockService:
    return MockService(service_id, "sync", description, contract, "inline")


# SIMULATED serviceIds and contracts (contracts/sim/): the real ones of these systems are not public.
ZAGS = _system("zags", "ZAGS", "Civil registry (АХАЖ / ЗАГС)", "ИС ЗАГС", "АХАЖ АЖ", "050140600009", (
    _by_iin("ZAGS_BirthActs", "Birth acts naming a person as child or parent (registered after 13 Aug 2007)", "zags"),
    _by_iin("ZAGS_MarriageActs", "Marriage and divorce acts of a person (registered after 1 Jun 2008)", "zags"),
    _by_iin("ZAGS_DeathActs", "The death act of a person (registered after 1 May 2008)", "zags"),
))  # fmt: skip
EOPEKA = _system("eopeka", "EOPEKA", "E-Guardianship (Е-Қорғаншылық)", "ИС «Е-Опека»", "«Е-Қорғаншылық» АЖ",
                 "060240601003", (
    _by_iin("EOPEKA_GuardianshipByIin", "Guardianship, custody, adoption or foster care by IIN", "eopeka"),
))  # fmt: skip
EUOSH = _system("euosh", "EUOSH", "Regional e-government gateway (ЭҮӨШ)", "РШЭП", "ЭҮӨШ", "070340602007", (
    _by_iin("EUOSH_GuardianshipByIin", "Guardianship over a child, through the regional gateway", "eopeka"),
))  # fmt: skip
CBDI = _system("cbdi", "CBDI", "Disability data bank (МОДБ / ЦБДИ)", "ЦБДИ", "МОДБ АЖ", "080440603000", (
    _by_iin("CBDI_DisabilityByIin", "Disability determinations: group, cause, term, loss of working capacity", "cbdi"),
))  # fmt: skip
SUD = _system("sud", "SUD", "Supreme Court system (Жоғарғы сот)", "ИС Верховного суда", "«Жоғарғы сот» АЖ",
              "090540604004", (
    _by_iin("SUD_CourtDecisionsByIin", "Court decisions on adoption, declaring a person missing or dead", "sud"),
))  # fmt: skip
ISNA = _system("isna", "ISNA", "Integrated tax information system (ИСНА)", "ИСНА", "БСАЖ", "100640605000", (
    _by_iin("ISNA_EntrepreneurStatus", "Whether a person is registered as an individual entrepreneur", "isna"),
))  # fmt: skip
ENBEK = _system("enbek", "ENBEK", "Labour market system («Еңбек нарығы»)", "АИС «Рынок труда»", "«Еңбек нарығы» ААЖ",
                "110740606004", (
    _by_iin("ENBEK_UnemployedStatus", "Whether a person is registered as unemployed", "enbek"),
))  # fmt: skip
ENPF = _system("enpf", "ENPF", "Unified accumulative pension fund (БЖЗҚ / ЕНПФ)", "ЕНПФ", "БЖЗҚ", "120840607008", (
    _by_iin("ENPF_PensionContributions", "Mandatory pension contributions for a period (default: a year)", "enpf"),
))  # fmt: skip
GFSS = _system("gfss", "GFSS", "State social insurance fund (МӘСҚ / ГФСС)", "ГФСС", "МӘСҚ", "130940608001", (
    _by_iin("GFSS_SocialContributions", "Social contributions for a period (default: a year)", "gfss"),
))  # fmt: skip
EMAKET = _system("emaket", "EMAKET", "Social payments case system («Е-Макет»)", "АИС «Е-Макет»", "«Е-Макет» ААЖ",
                 "141040609001", (
    _by_iin("EMAKET_AssignedBenefits", "Social payments assigned to a person: the duplicate check", "emaket"),
))  # fmt: skip
EPAY = _system("epay", "EPAY", "E-government payment gateway (ЭҮТШ)", "ПШЭП", "ЭҮТШ", "051140610002", (
    _by_iin("EPAY_BankAccountCheck", "Whether a bank account (IBAN) is the person's and open", "epay"),
))  # fmt: skip
SMS = _system("sms", "SMS", "SMS notification service", "SMS-ШЛЮЗ", "SMS-ШЛЮЗ", "061240611003", (
    _by_iin("SMS_Send", "Send an SMS to a person's registered mobile number (or a given one)", "sms"),
))  # fmt: skip

SYSTEMS: tuple[MockSystem, ...] = (GBDFL, ZAGS, EOPEKA, EUOSH, CBDI, SUD, ISNA, ENBEK, ENPF, GFSS, EMAKET, EPAY, SMS)


def system_by_name(name: str) -> MockSystem:
    for system in SYSTEMS:
        if system.name == name:
            return system
    raise KeyError(name)
