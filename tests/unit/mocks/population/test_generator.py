from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from mocks.population import PopulationGenerator
from mocks.population._names import group_by_code
from mocks.population._places import KAZAKHSTAN
from mocks.population.generator import ELECTRONIC_BIRTH_REGISTRY_FROM, POPULATION_EPOCH, settlement_by_kato
from signing.iin import iin_birth_date, iin_sex, is_valid_iin

SIZE = 3000


@pytest.fixture(scope="module")
def people() -> list:  # type: ignore[type-arg]
    return list(PopulationGenerator(seed=407).people(SIZE))


def test_the_same_seed_gives_the_same_people(people: list) -> None:  # type: ignore[type-arg]
    assert list(PopulationGenerator(seed=407).people(50)) == people[:50]
    assert list(PopulationGenerator(seed=408).people(50)) != people[:50]


def test_iins_are_valid_unique_and_agree_with_birth_date_and_sex(people: list) -> None:  # type: ignore[type-arg]
    assert len({p.iin for p in people}) == SIZE
    for person in people:
        assert is_valid_iin(person.iin)
        assert iin_birth_date(person.iin) == person.birth_date
        assert iin_sex(person.iin) == person.sex


def test_names_follow_the_sex_and_the_ethnic_group(people: list) -> None:  # type: ignore[type-arg]
    for person in people:
        group = group_by_code(person.nationality)
        forms = {s.male if person.sex == "M" else s.female for s in group.surnames}
        assert person.surname in forms
        given = {n.name for n in (group.male_names if person.sex == "M" else group.female_names)}
        assert person.name in given
        if person.patronymic:
            endings = ("ВИЧ", "ИЧ", "ҰЛЫ") if person.sex == "M" else ("ВНА", "ИЧНА", "ҚЫЗЫ")
            assert person.patronymic.endswith(endings), person.patronymic
        assert person.eng_surname.isascii() and person.eng_first_name.isascii()


def test_the_population_looks_like_kazakhstan(people: list) -> None:  # type: ignore[type-arg]
    groups = Counter(p.nationality for p in people)
    assert groups["005"] / SIZE == pytest.approx(0.74, abs=0.04)
    children = sum(1 for p in people if (POPULATION_EPOCH - p.birth_date).days < 15 * 365)
    assert children / SIZE == pytest.approx(0.295, abs=0.04)
    deceased = sum(1 for p in people if p.death_date)
    assert 0.01 < deceased / SIZE < 0.08
    assert sum(1 for p in people if p.birth_country != KAZAKHSTAN.code) > 0
    assert sum(1 for p in people if p.citizenship != KAZAKHSTAN.code) > 0


def test_places_exist_and_dates_are_in_order(people: list) -> None:  # type: ignore[type-arg]
    for person in people:
        if person.birth_settlement:
            settlement_by_kato(person.birth_settlement)
        assert (person.birth_settlement is None) == (person.birth_country != KAZAKHSTAN.code)
        assert person.reg_settlement is not None and settlement_by_kato(person.reg_settlement)
        assert person.birth_date <= (person.reg_since or person.birth_date) <= POPULATION_EPOCH
        if person.death_date:
            assert person.birth_date < person.death_date < POPULATION_EPOCH and person.death_certificate
        assert (person.birth_certificate is not None) == (person.birth_date > ELECTRONIC_BIRTH_REGISTRY_FROM)


def test_documents_follow_the_age_rules(people: list) -> None:  # type: ignore[type-arg]
    numbers = Counter(d.number for p in people for d in p.documents)
    assert max(numbers.values()) == 1, "document numbers are unique"
    for person in people:
        kinds = [d.kind for d in person.documents]
        until = person.death_date or POPULATION_EPOCH
        if (until - person.birth_date).days < 16 * 365:
            assert kinds == ["BIRTH_CERTIFICATE"]
            continue
        assert kinds.count("ID_CARD") == 1
        card = next(d for d in person.documents if d.kind == "ID_CARD")
        assert len(card.number) == 9 and card.number.isdigit()
        assert card.end_date is not None and card.end_date.year - card.begin_date.year == 10
        assert card.begin_date <= until
        for passport in (d for d in person.documents if d.kind == "PASSPORT"):
            assert passport.number.startswith("N") and len(passport.number) == 9
    expired = sum(
        1 for p in people for d in p.documents if d.kind == "ID_CARD" and d.end_date and d.end_date < date(2026, 1, 1)
    )
    assert expired > 0, "some citizens let their ID card lapse"
