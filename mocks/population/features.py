"""Features a tester can ask for: ``qaqpa population sample --where FEATURE``.

Each feature is a condition on the population tables, evaluated against *today* as the instance's clock
tells it (ages and expiry dates move; the generated records do not).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from sqlalchemy import ColumnElement, and_, exists, not_, select

from mocks.population._places import KAZAKHSTAN
from mocks.population.tables import identity_documents, persons

Condition = Callable[[date], ColumnElement[bool]]


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    description: str
    condition: Condition


def _years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def _alive(_: date) -> ColumnElement[bool]:
    return persons.c.death_date.is_(None)


def _document(kind: str, *extra: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists(
        select(identity_documents.c.id).where(
            identity_documents.c.iin == persons.c.iin, identity_documents.c.kind == kind, *extra
        )
    )


def _id_card_expired(today: date) -> ColumnElement[bool]:
    valid = _document("ID_CARD", identity_documents.c.end_date >= today)
    return and_(_alive(today), _document("ID_CARD"), not_(valid))


_FEATURES = (
    Feature("alive", "citizens alive today", _alive),
    Feature("deceased", "citizens with a death date (ГБД ФЛ keeps them)", lambda _: persons.c.death_date.is_not(None)),
    Feature("male", "men and boys, alive", lambda t: and_(_alive(t), persons.c.sex == "M")),
    Feature("female", "women and girls, alive", lambda t: and_(_alive(t), persons.c.sex == "F")),
    Feature("child", "alive and under 18", lambda t: and_(_alive(t), persons.c.birth_date > _years_before(t, 18))),
    Feature("adult", "alive and 18 or older", lambda t: and_(_alive(t), persons.c.birth_date <= _years_before(t, 18))),
    Feature(
        "pension-age",
        "alive and at the retirement age (men 63, women 61)",
        lambda t: and_(
            _alive(t),
            ((persons.c.sex == "M") & (persons.c.birth_date <= _years_before(t, 63)))
            | ((persons.c.sex == "F") & (persons.c.birth_date <= _years_before(t, 61))),
        ),
    ),
    Feature(
        "id-card-valid",
        "alive with an ID card valid today",
        lambda t: and_(_alive(t), _document("ID_CARD", identity_documents.c.end_date >= t)),
    ),
    Feature("id-card-expired", "alive, whose only ID card has expired", _id_card_expired),
    Feature("passport", "alive with a passport", lambda t: and_(_alive(t), _document("PASSPORT"))),
    Feature(
        "foreign-born",
        "alive and born outside Kazakhstan",
        lambda t: and_(_alive(t), persons.c.birth_country != KAZAKHSTAN.code),
    ),
    Feature(
        "foreign-citizen",
        "alive, holding an IIN but not Kazakh citizenship",
        lambda t: and_(_alive(t), persons.c.citizenship != KAZAKHSTAN.code),
    ),
    Feature(
        "electronic-birth-record",
        "alive, born after 13 Aug 2007 (birth registered in the electronic civil registry)",
        lambda t: and_(_alive(t), persons.c.birth_certificate.is_not(None)),
    ),
)

FEATURES: Mapping[str, Feature] = MappingProxyType({feature.name: feature for feature in _FEATURES})
