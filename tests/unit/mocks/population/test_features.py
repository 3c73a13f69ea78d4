from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from gateway.storage import migrate
from gateway.storage.database import Database
from mocks.population import FEATURES, generate_population, sample_iins
from mocks.population.tables import identity_documents, persons

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Database:
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('features') / 'p.db'}")
    migrate.upgrade(database.sync_engine)
    generate_population(database.sync_engine, 1500, seed=7)
    return database


def _age(born: date) -> int:
    return TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))


CHECKS: dict[str, Callable[[Any, Any], bool]] = {
    "alive": lambda p, docs: p["death_date"] is None,
    "deceased": lambda p, docs: p["death_date"] is not None,
    "male": lambda p, docs: p["sex"] == "M",
    "female": lambda p, docs: p["sex"] == "F",
    "child": lambda p, docs: _age(p["birth_date"]) < 18,
    "adult": lambda p, docs: _age(p["birth_date"]) >= 18,
    "pension-age": lambda p, docs: _age(p["birth_date"]) >= (63 if p["sex"] == "M" else 61),
    "id-card-valid": lambda p, docs: any(d["kind"] == "ID_CARD" and d["end_date"] >= TODAY for d in docs),
    "id-card-expired": lambda p, docs: all(d["end_date"] < TODAY for d in docs if d["kind"] == "ID_CARD"),
    "passport": lambda p, docs: any(d["kind"] == "PASSPORT" for d in docs),
    "foreign-born": lambda p, docs: p["birth_country"] != "398",
    "foreign-citizen": lambda p, docs: p["citizenship"] != "398",
    "electronic-birth-record": lambda p, docs: p["birth_date"] > date(2007, 8, 13),
}


def test_every_feature_is_checked() -> None:
    assert set(CHECKS) == set(FEATURES)


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_a_sample_has_its_feature(database: Database, feature: str) -> None:
    iins = sample_iins(database.sync_engine, 20, feature, TODAY)
    assert iins, f"the generated population has nobody with {feature}"
    with database.sync_engine.connect() as connection:
        for iin in iins:
            person = connection.execute(select(persons).where(persons.c.iin == iin)).mappings().one()
            documents = (
                connection.execute(select(identity_documents).where(identity_documents.c.iin == iin)).mappings().all()
            )
            assert CHECKS[feature](person, documents), (feature, dict(person))
