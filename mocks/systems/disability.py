"""МОДБ / ЦБДИ, the disability data bank: disability determinations (group, cause, since childhood, term,
degree of loss of working capacity), as regulations 3, 5, 7, 10, 12 and 16 query them."""

from __future__ import annotations

from typing import Any, ClassVar

from lxml import etree

from contracts.shep import RequestInfo
from mocks.answers import day, flag, text, value
from mocks.population.tables import disabilities
from mocks.systems import dictionaries as d
from mocks.systems._registry import Records, Registry


class DisabilityRegistry(Registry):
    serves: ClassVar[dict[str, str]] = {"CBDI_DisabilityByIin": "disabilities"}

    async def disabilities(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        return await self.listing(request, _DISABILITIES)


def _disability(record: etree._Element, row: dict[str, Any], _: dict[str, dict[str, Any]]) -> None:
    value(record, "group", d.DISABILITY_GROUPS[row["group"]])
    value(record, "cause", d.DISABILITY_CAUSES[row["cause"]])
    flag(record, "sinceChildhood", row["since_childhood"])
    day(record, "establishedOn", row["established_on"])
    day(record, "validUntil", row["valid_until"])
    flag(record, "indefinite", row["valid_until"] is None)
    text(record, "certificateNumber", row["certificate_number"])
    if row["working_capacity_loss"] is not None:
        text(record, "workingCapacityLoss", str(row["working_capacity_loss"]))


_DISABILITIES = Records(disabilities, "disabilities", "disability", _disability)
