"""Two registries of work: the integrated tax system (ИСНА: is this person registered as an individual
entrepreneur, regulation 3, shared/seeds/000_35060450d94081fb.txt L1871-1873) and "Еңбек нарығы" (is this
person registered as unemployed, regulation 5, L3250-3252)."""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from contracts.shep import RequestInfo
from mocks.answers import day, flag, text, value
from mocks.population.tables import entrepreneurs, unemployment
from mocks.systems import dictionaries as d
from mocks.systems._registry import Registry, active


class TaxRegistry(Registry):
    serves: ClassVar[dict[str, str]] = {"ISNA_EntrepreneurStatus": "entrepreneur_status"}

    async def entrepreneur_status(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        refused = self.refusal(request)
        if refused is not None:
            return refused
        rows = await self.store.rows(entrepreneurs, request.findtext("iin") or "")
        # "Not registered" is itself the certificate regulation 3 asks for, so it is an answer, not "no data".
        response = self.answer(request, d.RESULT_OK)
        today = self.today()
        flag(response, "registeredAsEntrepreneur", any(active(r["registered_on"], r["closed_on"], today) for r in rows))
        if rows:
            holder = etree.SubElement(response, "registrations")
            for row in rows:
                record = etree.SubElement(holder, "registration")
                day(record, "registeredOn", row["registered_on"])
                day(record, "closedOn", row["closed_on"])
                text(record, "tradeName", row["trade_name"])
                value(record, "taxRegime", d.TAX_REGIMES[row["tax_regime"]])
        return response


class LabourMarket(Registry):
    serves: ClassVar[dict[str, str]] = {"ENBEK_UnemployedStatus": "unemployed_status"}

    async def unemployed_status(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        refused = self.refusal(request)
        if refused is not None:
            return refused
        rows = await self.store.rows(unemployment, request.findtext("iin") or "")
        response = self.answer(request, d.RESULT_OK)
        today = self.today()
        flag(
            response,
            "registeredAsUnemployed",
            any(active(r["registered_on"], r["deregistered_on"], today) for r in rows),
        )
        if rows:
            holder = etree.SubElement(response, "registrations")
            for row in rows:
                record = etree.SubElement(holder, "registration")
                day(record, "registeredOn", row["registered_on"])
                day(record, "deregisteredOn", row["deregistered_on"])
                value(record, "center", d.body_of(row["center"]))
        return response
