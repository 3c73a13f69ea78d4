"""Every feature of ``qaqpa population sample --where`` finds citizens who really have it, checked here
independently of its SQL, from the records themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Connection, select

from gateway.storage import migrate
from gateway.storage.database import Database
from mocks.population import FEATURES, generate_population, sample_iins
from mocks.population.features import BIRTHS_FROM, DEATHS_FROM, MARRIAGES_FROM
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

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def connection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('features') / 'p.db'}")
    migrate.upgrade(database.sync_engine)
    generate_population(database.sync_engine, 5000, seed=7)
    with database.sync_engine.connect() as open_connection:
        yield open_connection
    database.sync_engine.dispose()


def _age(born: date) -> int:
    return TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))


class Citizen:
    """One citizen with every record that names them, read with plain queries."""

    def __init__(self, connection: Connection, iin: str) -> None:
        def rows(table: Any, *columns: str) -> list[Any]:
            names = columns or ("iin",)
            found: list[Any] = []
            for name in names:
                found += connection.execute(select(table).where(table.c[name] == iin)).mappings().all()
            return found

        self.person = connection.execute(select(persons).where(persons.c.iin == iin)).mappings().one()
        self.alive = self.person["death_date"] is None
        self.documents = rows(identity_documents)
        self.acts = rows(civil_acts, "person_iin", "mother_iin", "father_iin", "spouse_iin")
        self.wards = rows(guardianships, "ward_iin")
        self.guarding = rows(guardianships, "guardian_iin")
        self.court = rows(court_decisions, "person_iin")
        self.disabilities = rows(disabilities)
        self.jobs, self.unemployment, self.trades = rows(employments), rows(unemployment), rows(entrepreneurs)
        self.accounts, self.benefits = rows(bank_accounts), rows(benefits)
        self.children = [a for a in self.acts if a["kind"] == "BIRTH" and a["mother_iin"] == iin]
        self.child_people = [
            connection.execute(select(persons).where(persons.c.iin == a["person_iin"])).mappings().one()
            for a in self.children
        ]
        self.husbands = [
            connection.execute(select(persons).where(persons.c.iin == a["person_iin"])).mappings().one()
            for a in self.acts
            if a["kind"] == "MARRIAGE" and a["spouse_iin"] == iin
        ]

    def current(self, records: list[Any], start: str, end: str) -> bool:
        return any(r[start] <= TODAY and (r[end] is None or r[end] > TODAY) for r in records)

    def valid_disability(self, group: str | None = None, childhood: bool | None = None) -> bool:
        return self.alive and any(
            (d["valid_until"] is None or d["valid_until"] > TODAY)
            and (group is None or d["group"] == group)
            and (childhood is None or (d["since_childhood"] and d["group"] != "CHILD"))
            for d in self.disabilities
        )


def _marriage_kinds(c: Citizen) -> set[str]:
    return {a["kind"] for a in c.acts if a["kind"] in ("MARRIAGE", "DIVORCE")}


CHECKS: dict[str, Callable[[Citizen], bool]] = {
    "alive": lambda c: c.alive,
    "deceased": lambda c: not c.alive,
    "male": lambda c: c.alive and c.person["sex"] == "M",
    "female": lambda c: c.alive and c.person["sex"] == "F",
    "child": lambda c: c.alive and _age(c.person["birth_date"]) < 18,
    "adult": lambda c: c.alive and _age(c.person["birth_date"]) >= 18,
    "pension-age": lambda c: c.alive and _age(c.person["birth_date"]) >= (63 if c.person["sex"] == "M" else 61),
    "id-card-valid": lambda c: c.alive and any(d["kind"] == "ID_CARD" and d["end_date"] >= TODAY for d in c.documents),
    "id-card-expired": lambda c: c.alive and all(d["end_date"] < TODAY for d in c.documents if d["kind"] == "ID_CARD"),
    "passport": lambda c: c.alive and any(d["kind"] == "PASSPORT" for d in c.documents),
    "foreign-born": lambda c: c.alive and c.person["birth_country"] != "398",
    "foreign-citizen": lambda c: c.alive and c.person["citizenship"] != "398",
    "electronic-birth-record": lambda c: c.alive and c.person["birth_date"] > BIRTHS_FROM,
    "married": lambda c: c.alive and _marriage_kinds(c) == {"MARRIAGE"},
    "married-in-registry": lambda c: (
        c.alive and any(a["kind"] == "MARRIAGE" and a["registered_on"] > MARRIAGES_FROM for a in c.acts)
    ),
    "divorced": lambda c: c.alive and "DIVORCE" in _marriage_kinds(c),
    "mother": lambda c: c.alive and len(c.children) >= 1,
    "mother-of-four-minors": lambda c: (
        c.alive and sum(1 for k in c.child_people if _age(k["birth_date"]) < 18 and k["death_date"] is None) >= 4
    ),
    "mother-of-many": lambda c: c.alive and len(c.children) >= 6,
    "mother-of-seven": lambda c: c.alive and len(c.children) >= 7,
    "widow": lambda c: c.alive and any(h["death_date"] and h["death_date"] > DEATHS_FROM for h in c.husbands),
    "disabled": lambda c: c.valid_disability(),
    "disabled-group-1": lambda c: c.valid_disability("I"),
    "disabled-child": lambda c: c.valid_disability("CHILD"),
    "disabled-since-childhood": lambda c: c.valid_disability(childhood=True),
    "disability-expired": lambda c: c.alive and bool(c.disabilities) and not c.valid_disability(),
    "pensioner": lambda c: c.alive and any(b["kind"] == "age-pension" for b in c.benefits),
    "has-benefit": lambda c: c.alive and c.current(c.benefits, "assigned_on", "ended_on"),
    "employed": lambda c: c.alive and c.current(c.jobs, "started_on", "ended_on"),
    "unemployed": lambda c: c.alive and c.current(c.unemployment, "registered_on", "deregistered_on"),
    "sole-trader": lambda c: c.alive and c.current(c.trades, "registered_on", "closed_on"),
    "under-guardianship": lambda c: c.alive and any(g["kind"] != "ADOPTION" and g["ended_on"] is None for g in c.wards),
    "guardian": lambda c: c.alive and any(g["kind"] != "ADOPTION" for g in c.guarding),
    "adopted": lambda c: c.alive and any(d["kind"] == "ADOPTION" for d in c.court),
    "declared-missing": lambda c: any(d["kind"] == "DECLARED_MISSING" for d in c.court),
    "deceased-in-registry": lambda c: c.person["death_date"] is not None and c.person["death_date"] > DEATHS_FROM,
    "deceased-before-registry": lambda c: c.person["death_date"] is not None and c.person["death_date"] <= DEATHS_FROM,
    "has-bank-account": lambda c: c.alive and any(a["closed_on"] is None for a in c.accounts),
    "no-phone": lambda c: c.alive and c.person["phone"] is None and _age(c.person["birth_date"]) >= 18,
}


def test_every_feature_is_checked() -> None:
    assert set(CHECKS) == set(FEATURES)


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_a_sample_has_its_feature(connection: Connection, feature: str) -> None:
    iins = sample_iins(connection.engine, 10, feature, TODAY)
    assert iins, f"the generated population has nobody with {feature}"
    for iin in iins:
        assert CHECKS[feature](Citizen(connection, iin)), (feature, iin)
