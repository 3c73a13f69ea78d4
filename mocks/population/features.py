"""Features a tester can ask for: ``qaqpa population sample --where FEATURE``.

Each feature is a condition on the population tables, evaluated against *today* as the instance's clock
tells it (ages and expiry dates move; the generated records do not).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from sqlalchemy import ColumnElement, Table, and_, exists, func, not_, or_, select

from mocks.population._places import KAZAKHSTAN
from mocks.population.tables import (
    bank_accounts,
    benefits,
    civil_acts,
    court_decisions,
    disabilities,
    employments,
    entrepreneurs,
    guardianships,
    identity_documents,
    persons,
    unemployment,
)

# The civil registry's electronic cut-offs (shared/seeds/000_35060450d94081fb.txt, L394-400; digest:
# shared/notes/regulations-1-4.md §3.5): births after 13 Aug 2007, marriages after 1 Jun 2008, deaths
# after 1 May 2008 are in АХАЖ.
BIRTHS_FROM = date(2007, 8, 13)
MARRIAGES_FROM = date(2008, 6, 1)
DEATHS_FROM = date(2008, 5, 1)

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


def _has(table: Table, *conditions: ColumnElement[bool], column: str = "iin") -> ColumnElement[bool]:
    return exists(select(table.c.id).where(table.c[column] == persons.c.iin, *conditions))


def _children(minimum: int, *, minors_on: date | None = None) -> ColumnElement[bool]:
    kids = (
        select(func.count())
        .select_from(civil_acts)
        .where(civil_acts.c.kind == "BIRTH", civil_acts.c.mother_iin == persons.c.iin)
    )
    if minors_on is not None:
        child = persons.alias("child")
        kids = kids.join(child, child.c.iin == civil_acts.c.person_iin).where(
            child.c.birth_date > _years_before(minors_on, 18), child.c.death_date.is_(None)
        )
    return kids.scalar_subquery() >= minimum


def _current(table: Table, start: str, end: str, today: date) -> list[ColumnElement[bool]]:
    return [table.c[start] <= today, or_(table.c[end].is_(None), table.c[end] > today)]


def _valid_disability(today: date, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    current = or_(disabilities.c.valid_until.is_(None), disabilities.c.valid_until > today)
    return and_(_alive(today), _has(disabilities, current, *conditions))


def _widow(today: date) -> ColumnElement[bool]:
    husband = persons.alias("husband")
    died = select(husband.c.iin).where(husband.c.iin == civil_acts.c.person_iin, husband.c.death_date > DEATHS_FROM)
    marriage = select(civil_acts.c.id).where(
        civil_acts.c.kind == "MARRIAGE", civil_acts.c.spouse_iin == persons.c.iin, exists(died)
    )
    return and_(_alive(today), exists(marriage))


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
    Feature(
        "married",
        "alive, with a marriage not dissolved",
        lambda t: and_(
            _alive(t),
            or_(
                _has(civil_acts, civil_acts.c.kind == "MARRIAGE", column="person_iin"),
                _has(civil_acts, civil_acts.c.kind == "MARRIAGE", column="spouse_iin"),
            ),
            not_(_has(civil_acts, civil_acts.c.kind == "DIVORCE", column="person_iin")),
            not_(_has(civil_acts, civil_acts.c.kind == "DIVORCE", column="spouse_iin")),
        ),
    ),
    Feature(
        "married-in-registry",
        "alive, married after 1 Jun 2008 (the marriage act is in the electronic civil registry)",
        lambda t: and_(
            _alive(t),
            _has(
                civil_acts,
                civil_acts.c.kind == "MARRIAGE",
                civil_acts.c.registered_on > MARRIAGES_FROM,
                column="spouse_iin",
            ),  # fmt: skip
        ),
    ),
    Feature(
        "divorced",
        "alive, with a dissolved marriage",
        lambda t: and_(_alive(t), _has(civil_acts, civil_acts.c.kind == "DIVORCE", column="spouse_iin")),
    ),
    Feature("mother", "a living mother of at least one child", lambda t: and_(_alive(t), _children(1))),
    Feature(
        "mother-of-four-minors",
        "a living mother of four or more living children under 18 (state special allowance, regulation 4)",
        lambda t: and_(_alive(t), _children(4, minors_on=t)),
    ),
    Feature(
        "mother-of-many",
        "a living mother of six or more children (Kumis / Altyn alka, regulation 15)",
        lambda t: and_(_alive(t), _children(6)),
    ),
    Feature(
        "mother-of-seven",
        "a living mother of seven or more children (Altyn alka)",
        lambda t: and_(_alive(t), _children(7)),
    ),
    Feature("widow", "a living wife whose husband died after 1 May 2008 (in the civil registry)", lambda t: _widow(t)),
    Feature("disabled", "alive, with a current disability determination", lambda t: _valid_disability(t)),
    Feature(
        "disabled-group-1",
        "alive, disability group I (current)",
        lambda t: _valid_disability(t, disabilities.c.group == "I"),
    ),
    Feature(
        "disabled-child",
        "alive, a disabled child under 16",
        lambda t: _valid_disability(t, disabilities.c.group == "CHILD"),
    ),
    Feature(
        "disabled-since-childhood",
        "alive, disabled since childhood (group I-III)",
        lambda t: _valid_disability(t, disabilities.c.since_childhood.is_(True), disabilities.c.group != "CHILD"),
    ),
    Feature(
        "disability-expired",
        "alive, whose only disability determination has run out",
        lambda t: and_(_alive(t), _has(disabilities), not_(_valid_disability(t))),
    ),
    Feature(
        "pensioner",
        "alive, with an age pension assigned",
        lambda t: and_(_alive(t), _has(benefits, benefits.c.kind == "age-pension")),
    ),
    Feature(
        "has-benefit",
        "alive, with any social payment currently assigned (the duplicate check finds it)",
        lambda t: and_(_alive(t), _has(benefits, *_current(benefits, "assigned_on", "ended_on", t))),
    ),
    Feature(
        "employed",
        "alive, with a current job (pension and social contributions)",
        lambda t: and_(_alive(t), _has(employments, *_current(employments, "started_on", "ended_on", t))),
    ),
    Feature(
        "unemployed",
        "alive, registered as unemployed (Еңбек нарығы)",
        lambda t: and_(_alive(t), _has(unemployment, *_current(unemployment, "registered_on", "deregistered_on", t))),
    ),
    Feature(
        "sole-trader",
        "alive, registered as an individual entrepreneur",
        lambda t: and_(_alive(t), _has(entrepreneurs, *_current(entrepreneurs, "registered_on", "closed_on", t))),
    ),
    Feature(
        "under-guardianship",
        "alive, a child under guardianship, custody or in a foster family",
        lambda t: and_(
            _alive(t),
            _has(
                guardianships, guardianships.c.kind != "ADOPTION", guardianships.c.ended_on.is_(None), column="ward_iin"
            ),  # fmt: skip
        ),
    ),
    Feature(
        "guardian",
        "alive, the guardian of a child",
        lambda t: and_(_alive(t), _has(guardianships, guardianships.c.kind != "ADOPTION", column="guardian_iin")),
    ),
    Feature(
        "adopted",
        "alive, adopted by a court decision",
        lambda t: and_(_alive(t), _has(court_decisions, court_decisions.c.kind == "ADOPTION", column="person_iin")),
    ),
    Feature(
        "declared-missing",
        "declared missing by a court",
        lambda t: _has(court_decisions, court_decisions.c.kind == "DECLARED_MISSING", column="person_iin"),
    ),
    Feature(
        "deceased-in-registry",
        "died after 1 May 2008 (the death act is in the electronic civil registry)",
        lambda t: persons.c.death_date > DEATHS_FROM,
    ),
    Feature(
        "deceased-before-registry",
        "died before 1 May 2008 (the civil registry answers no data)",
        lambda t: persons.c.death_date <= DEATHS_FROM,
    ),
    Feature(
        "has-bank-account",
        "alive, with an open bank account",
        lambda t: and_(_alive(t), _has(bank_accounts, bank_accounts.c.closed_on.is_(None))),
    ),
    Feature(
        "no-phone",
        "an adult alive with no mobile number registered (SMS cannot reach them)",
        lambda t: and_(_alive(t), persons.c.phone.is_(None), persons.c.birth_date <= _years_before(t, 18)),
    ),
)

FEATURES: Mapping[str, Feature] = MappingProxyType({feature.name: feature for feature in _FEATURES})
