"""АХАЖ, the civil registry: birth, marriage, divorce and death acts.

Only what the electronic registry holds is answered; older registrations are "no data" and must come on
paper (Order No. 407, regulation 1: shared/seeds/000_35060450d94081fb.txt L394-400; the same cut-offs in
regulations 2-4, 6, 7, 10, 11, 15): births registered after 13 Aug 2007, marriages after 1 Jun 2008, deaths
after 1 May 2008. Divorces follow the marriage cut-off (the order is silent on them; a documented choice).
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from lxml import etree

from contracts.shep import RequestInfo
from mocks.answers import day, text, value
from mocks.population.features import BIRTHS_FROM, DEATHS_FROM, MARRIAGES_FROM
from mocks.population.tables import civil_acts
from mocks.systems import dictionaries as d
from mocks.systems._registry import Records, Registry, person_ref

_CUT_OFFS = {"BIRTH": BIRTHS_FROM, "MARRIAGE": MARRIAGES_FROM, "DIVORCE": MARRIAGES_FROM, "DEATH": DEATHS_FROM}


class CivilRegistry(Registry):
    serves: ClassVar[dict[str, str]] = {
        "ZAGS_BirthActs": "birth_acts",
        "ZAGS_MarriageActs": "marriage_acts",
        "ZAGS_DeathActs": "death_acts",
    }

    async def birth_acts(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        return await self.listing(request, _acts({"BIRTH"}, "person_iin", "mother_iin", "father_iin"))

    async def marriage_acts(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        return await self.listing(request, _acts({"MARRIAGE", "DIVORCE"}, "person_iin", "spouse_iin"))

    async def death_acts(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        return await self.listing(request, _acts({"DEATH"}, "person_iin"))


def _acts(kinds: set[str], *columns: str) -> Records:
    """The acts of ``kinds`` naming the person in one of ``columns``, as far as the electronic registry goes."""
    return Records(
        civil_acts,
        "acts",
        "act",
        _act,
        columns=columns,
        people=("person_iin", "mother_iin", "father_iin", "spouse_iin"),
        keep=lambda row: row["kind"] in kinds and _in_registry(row),
    )


def _act(act: etree._Element, row: dict[str, Any], people: dict[str, dict[str, Any]]) -> None:
    value(act, "kind", d.ACT_KINDS[row["kind"]])
    text(act, "number", row["number"])
    day(act, "eventDate", row["event_date"])
    day(act, "registeredOn", row["registered_on"])
    value(act, "office", d.registry_office(row["office"]))
    person_ref(act, "person", people.get(row["person_iin"]))
    for role in ("mother", "father", "spouse"):
        person_ref(act, role, people.get(row[f"{role}_iin"] or ""))


def _in_registry(row: dict[str, Any]) -> bool:
    registered: date = row["registered_on"]
    return registered > _CUT_OFFS[row["kind"]]
