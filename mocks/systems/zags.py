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
from sqlalchemy import Table

from contracts.shep import RequestInfo
from mocks.answers import day, text, value
from mocks.population.features import BIRTHS_FROM, DEATHS_FROM, MARRIAGES_FROM
from mocks.population.tables import civil_acts
from mocks.systems import dictionaries as d
from mocks.systems._registry import Registry, person_ref

_CUT_OFFS = {"BIRTH": BIRTHS_FROM, "MARRIAGE": MARRIAGES_FROM, "DIVORCE": MARRIAGES_FROM, "DEATH": DEATHS_FROM}


class CivilRegistry(Registry):
    serves: ClassVar[dict[str, str]] = {
        "ZAGS_BirthActs": "birth_acts",
        "ZAGS_MarriageActs": "marriage_acts",
        "ZAGS_DeathActs": "death_acts",
    }

    async def birth_acts(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        return await self._acts(request, {"BIRTH"}, "person_iin", "mother_iin", "father_iin")

    async def marriage_acts(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        return await self._acts(request, {"MARRIAGE", "DIVORCE"}, "person_iin", "spouse_iin")

    async def death_acts(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        return await self._acts(request, {"DEATH"}, "person_iin")

    async def _acts(self, request: etree._Element, kinds: set[str], *columns: str) -> etree._Element:
        refused = self.refusal(request)
        if refused is not None:
            return refused
        table: Table = civil_acts
        rows = [
            row
            for row in await self.store.rows(table, request.findtext("iin") or "", *columns)
            if row["kind"] in kinds and _in_registry(row)
        ]
        if not rows:
            return self.answer(request, d.RESULT_NO_DATA)
        people = await self.people(rows, "person_iin", "mother_iin", "father_iin", "spouse_iin")
        response = self.answer(request, d.RESULT_OK)
        acts = etree.SubElement(response, "acts")
        for row in rows:
            act = etree.SubElement(acts, "act")
            value(act, "kind", d.ACT_KINDS[row["kind"]])
            text(act, "number", row["number"])
            day(act, "eventDate", row["event_date"])
            day(act, "registeredOn", row["registered_on"])
            value(act, "office", d.registry_office(row["office"]))
            person_ref(act, "person", people.get(row["person_iin"]))
            for role in ("mother", "father", "spouse"):
                person_ref(act, role, people.get(row[f"{role}_iin"] or ""))
        return response


def _in_registry(row: dict[str, Any]) -> bool:
    registered: date = row["registered_on"]
    return registered > _CUT_OFFS[row["kind"]]
