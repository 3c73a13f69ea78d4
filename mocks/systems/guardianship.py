"""Е-Қорғаншылық (E-Guardianship): guardianship, custody, adoption and foster families, by the IIN of the
ward or of the guardian. The regional gateway ЭҮӨШ answers the same records under its own serviceId
(regulations 6 and 10 query "ЭҮӨШ АЖО" for guardianship over the child: shared/notes/regulations-5-10.md
§6.4, §10.4)."""

from __future__ import annotations

from typing import Any, ClassVar

from lxml import etree

from contracts.shep import RequestInfo
from mocks.answers import day, text, value
from mocks.population.tables import guardianships
from mocks.systems import dictionaries as d
from mocks.systems._registry import Records, Registry, person_ref


class GuardianshipRegistry(Registry):
    serves: ClassVar[dict[str, str]] = {
        "EOPEKA_GuardianshipByIin": "guardianships",
        "EUOSH_GuardianshipByIin": "guardianships",
    }

    async def guardianships(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        return await self.listing(request, _GUARDIANSHIPS)


def _guardianship(record: etree._Element, row: dict[str, Any], people: dict[str, dict[str, Any]]) -> None:
    value(record, "kind", d.GUARDIANSHIP_KINDS[row["kind"]])
    person_ref(record, "ward", people.get(row["ward_iin"]))
    person_ref(record, "guardian", people.get(row["guardian_iin"]))
    text(record, "decisionNumber", row["decision_number"])
    day(record, "decisionDate", row["decision_date"])
    value(record, "authority", d.body_of(row["authority"]))
    day(record, "endedOn", row["ended_on"])


_GUARDIANSHIPS = Records(
    guardianships,
    "guardianships",
    "guardianship",
    _guardianship,
    columns=("ward_iin", "guardian_iin"),
    people=("ward_iin", "guardian_iin"),
)
