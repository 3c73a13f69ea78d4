"""What every simulated registry does alike: check the IIN, read its records, answer with the common header,
"no data" when it has none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from lxml import etree
from sqlalchemy import Table

from contracts.shep import KZ_TIME
from mocks.answers import business_answer, day, text
from mocks.catalogue import MockSystem
from mocks.gbdfl.dictionaries import Value
from mocks.population import PopulationStore
from mocks.systems import dictionaries as d
from signing.iin import iin_problem


class Registry:
    """A mock state system answering in namespace ``urn:qaqpa:sim:<contract>:v1``.

    ``serves`` maps each serviceId the class answers to the method that answers it.
    """

    serves: ClassVar[dict[str, str]] = {}

    def __init__(self, system: MockSystem, contract: str, store: PopulationStore, now: Callable[[], datetime]) -> None:
        self.system = system
        self.namespace = f"urn:qaqpa:sim:{contract}:v1"
        self.store = store
        self._now = now

    def today(self) -> date:
        return self._now().astimezone(KZ_TIME).date()

    def answer(self, request: etree._Element, result: Value) -> etree._Element:
        return business_answer(f"{{{self.namespace}}}Response", "r", self.system, request, result, self._now())

    def refusal(self, request: etree._Element) -> etree._Element | None:
        """The answer to a request whose IIN cannot exist, or None if the IIN is fine."""
        if iin_problem((request.findtext("iin") or "").strip()) is not None:
            return self.answer(request, d.RESULT_INVALID_IIN)
        return None

    async def people(self, rows: list[dict[str, Any]], *columns: str) -> dict[str, dict[str, Any]]:
        """The persons named in ``columns`` of ``rows``, by IIN."""
        return await self.store.people({row[c] for row in rows for c in columns if row.get(c)})

    async def listing(self, request: etree._Element, records: Records) -> etree._Element:
        """The answer of a registry that lists records naming the requested IIN, or "no data" without any."""
        refused = self.refusal(request)
        if refused is not None:
            return refused
        rows = [
            row
            for row in await self.store.rows(records.table, request.findtext("iin") or "", *records.columns)
            if records.keep(row)
        ]
        if not rows:
            return self.answer(request, d.RESULT_NO_DATA)
        people = await self.people(rows, *records.people)
        response = self.answer(request, d.RESULT_OK)
        holder = etree.SubElement(response, records.holder)
        for row in rows:
            records.fill(etree.SubElement(holder, records.item), row, people)
        return response


Filler = Callable[[etree._Element, dict[str, Any], dict[str, dict[str, Any]]], None]
"""Writes one record's elements, given its row and the persons it names (by IIN)."""


@dataclass(frozen=True, slots=True)
class Records:
    """Which rows a listing answers with, and how each is written."""

    table: Table
    holder: str
    item: str
    fill: Filler
    columns: tuple[str, ...] = ("iin",)
    """The columns that may hold the requested IIN."""
    people: tuple[str, ...] = ()
    """The columns naming persons the answer describes."""
    keep: Callable[[dict[str, Any]], bool] = lambda _: True


def person_ref(parent: etree._Element, name: str, person: dict[str, Any] | None) -> None:
    if person is None:
        return
    element = etree.SubElement(parent, name)
    text(element, "iin", person["iin"])
    text(element, "surname", person["surname"])
    text(element, "name", person["name"])
    text(element, "patronymic", person["patronymic"])
    day(element, "birthDate", person["birth_date"])


def active(start: date, end: date | None, today: date) -> bool:
    return start <= today and (end is None or end > today)
