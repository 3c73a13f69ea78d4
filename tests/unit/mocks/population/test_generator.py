"""The generated population tells one story in every registry."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from mocks.population import Household, PopulationGenerator
from mocks.population._life import RETIREMENT_AGE, iban_is_valid
from mocks.population._names import group_by_code
from mocks.population._people import ELECTRONIC_BIRTH_REGISTRY_FROM, settlement_by_kato, years_between
from mocks.population._places import KAZAKHSTAN
from mocks.population.generator import POPULATION_EPOCH
from mocks.population.records import GeneratedPerson
from signing.iin import iin_birth_date, iin_sex, is_valid_bin, is_valid_iin

SIZE = 6000


@pytest.fixture(scope="module")
def households() -> list[Household]:
    return list(PopulationGenerator(seed=407).generate(SIZE))


@pytest.fixture(scope="module")
def people(households: list[Household]) -> dict[str, GeneratedPerson]:
    return {person.iin: person for household in households for person in household.persons}


def test_exactly_the_size_asked_and_the_same_for_a_seed(households: list[Household]) -> None:
    assert sum(len(h.persons) for h in households) == SIZE
    # A smaller population is the start of a larger one, but for its last few people (who fill it up exactly).
    again = [p.iin for p in PopulationGenerator(seed=407).people(300)][:280]
    assert again == [p.iin for h in households for p in h.persons][:280]
    assert [p.iin for p in PopulationGenerator(seed=408).people(300)] != again


def test_iins_are_valid_unique_and_agree_with_birth_date_and_sex(people: dict[str, GeneratedPerson]) -> None:
    assert len(people) == SIZE
    for person in people.values():
        assert is_valid_iin(person.iin)
        assert iin_birth_date(person.iin) == person.birth_date and iin_sex(person.iin) == person.sex


def test_names_follow_the_sex_and_the_ethnic_group(people: dict[str, GeneratedPerson]) -> None:
    for person in people.values():
        group = group_by_code(person.nationality)
        given = {n.name for n in (group.male_names if person.sex == "M" else group.female_names)}
        assert person.name in given
        if person.patronymic:
            endings = ("ВИЧ", "ИЧ", "ҰЛЫ") if person.sex == "M" else ("ВНА", "ИЧНА", "ҚЫЗЫ")
            assert person.patronymic.endswith(endings), person.patronymic


def test_children_carry_their_father_s_surname_and_name(
    households: list[Household], people: dict[str, GeneratedPerson]
) -> None:
    checked = 0
    for household in households:
        for act in (a for a in household.civil_acts if a.kind == "BIRTH"):
            child, mother = people[act.person_iin], people[act.mother_iin or ""]
            assert years_between(mother.birth_date, child.birth_date) >= 17
            assert act.registered_on >= act.event_date == child.birth_date
            if act.father_iin is None:
                continue
            father = people[act.father_iin]
            assert child.surname in (father.surname, _female_form(father))
            if child.patronymic:
                name = next(n for n in group_by_code(father.nationality).male_names if n.name == father.name)
                forms = (
                    (name.patronymic_m, name.patronymic_kz_m)
                    if child.sex == "M"
                    else (name.patronymic_f, name.patronymic_kz_f)
                )
                assert child.patronymic in forms, (father.name, child.patronymic)
            checked += 1
    assert checked > 500


def _female_form(father: GeneratedPerson) -> str:
    group = group_by_code(father.nationality)
    return next(s.female for s in group.surnames if s.male == father.surname)


def test_marriages_and_divorces_pair_a_man_and_a_woman(
    households: list[Household], people: dict[str, GeneratedPerson]
) -> None:
    acts = [a for h in households for a in h.civil_acts if a.kind in ("MARRIAGE", "DIVORCE")]
    kinds = Counter(a.kind for a in acts)
    assert kinds["MARRIAGE"] > kinds["DIVORCE"] > 0
    for act in acts:
        husband, wife = people[act.person_iin], people[act.spouse_iin or ""]
        assert (husband.sex, wife.sex) == ("M", "F")
        assert years_between(wife.birth_date, act.event_date) >= 18 and act.event_date < POPULATION_EPOCH


def test_every_deceased_person_has_a_death_act(households: list[Household], people: dict[str, GeneratedPerson]) -> None:
    deaths = {a.person_iin: a for h in households for a in h.civil_acts if a.kind == "DEATH"}
    for person in people.values():
        if person.death_date:
            assert deaths[person.iin].event_date == person.death_date
    assert set(deaths) == {p.iin for p in people.values() if p.death_date}


def test_wards_lost_their_parents_and_adoptions_have_a_court_decision(
    households: list[Household], people: dict[str, GeneratedPerson]
) -> None:
    guardianships = [g for h in households for g in h.guardianships]
    assert Counter(g.kind for g in guardianships)["GUARDIANSHIP"] > 0
    missing = {c.person_iin for h in households for c in h.court_decisions if c.kind == "DECLARED_MISSING"}
    births = {a.person_iin: a for h in households for a in h.civil_acts if a.kind == "BIRTH"}
    adoptions = {c.person_iin for h in households for c in h.court_decisions if c.kind == "ADOPTION"}
    for record in guardianships:
        ward, guardian = people[record.ward_iin], people[record.guardian_iin]
        assert years_between(ward.birth_date, record.decision_date) < 18 and guardian.death_date is None
        if record.kind == "ADOPTION":
            assert record.ward_iin in adoptions
            continue
        birth = births[record.ward_iin]
        mother = people[birth.mother_iin or ""]
        assert mother.death_date is not None and mother.death_date <= record.decision_date
        assert birth.father_iin in missing or people[birth.father_iin or ""].death_date is not None


def test_the_other_registries(households: list[Household], people: dict[str, GeneratedPerson]) -> None:
    disabilities = [d for h in households for d in h.disabilities]
    assert 0.02 < len(disabilities) / SIZE < 0.08
    for disability in disabilities:
        age = years_between(people[disability.iin].birth_date, disability.established_on)
        assert (disability.group == "CHILD") == (age < 16 and disability.cause == "SINCE_CHILDHOOD" and
                                                 disability.group == "CHILD")  # fmt: skip
    for job in (e for h in households for e in h.employments):
        assert is_valid_bin(job.employer_bin) and job.monthly_salary > 0
        assert years_between(people[job.iin].birth_date, job.started_on) >= 18
    accounts = [a for h in households for a in h.bank_accounts]
    assert accounts and all(iban_is_valid(a.iban) for a in accounts)
    assert any(h.unemployment for h in households) and any(h.entrepreneurs for h in households)


def test_benefits_follow_from_the_family(households: list[Household], people: dict[str, GeneratedPerson]) -> None:
    kinds = Counter(b.kind for h in households for b in h.benefits)
    assert {"age-pension", "basic-pension", "childbirth-childcare-benefits", "state-special-allowance"} <= set(kinds)
    mothers: Counter[str | None] = Counter(a.mother_iin for h in households for a in h.civil_acts if a.kind == "BIRTH")
    for benefit in (b for h in households for b in h.benefits):
        holder = people[benefit.iin]
        assert holder.death_date is None
        if benefit.kind == "age-pension":
            assert years_between(holder.birth_date, benefit.assigned_on) == RETIREMENT_AGE[holder.sex]
        if benefit.kind == "large-family-mothers-benefit":
            assert mothers[benefit.iin] >= 6


def test_places_documents_and_phones(people: dict[str, GeneratedPerson]) -> None:
    numbers = Counter(d.number for p in people.values() for d in p.documents)
    assert max(numbers.values()) == 1
    for person in people.values():
        if person.birth_settlement:
            settlement_by_kato(person.birth_settlement)
        assert (person.birth_settlement is None) == (person.birth_country != KAZAKHSTAN.code)
        assert person.reg_settlement is not None and settlement_by_kato(person.reg_settlement)
        assert (person.birth_certificate is not None) == (person.birth_date > ELECTRONIC_BIRTH_REGISTRY_FROM)
        until = person.death_date or POPULATION_EPOCH
        kinds = [d.kind for d in person.documents]
        assert kinds == ["BIRTH_CERTIFICATE"] if years_between(person.birth_date, until) < 16 else "ID_CARD" in kinds
        if person.phone:
            assert person.phone.startswith("+77") and len(person.phone) == 12
    assert any(p.phone is None for p in people.values()) and any(p.phone for p in people.values())


def test_the_population_looks_like_kazakhstan(people: dict[str, GeneratedPerson]) -> None:
    groups = Counter(p.nationality for p in people.values())
    assert groups["005"] / SIZE == pytest.approx(0.74, abs=0.05)
    minors = sum(1 for p in people.values() if years_between(p.birth_date, date(2026, 1, 1)) < 18)
    assert 0.22 < minors / SIZE < 0.40


def test_nothing_happens_to_the_dead(households: list[Household], people: dict[str, GeneratedPerson]) -> None:
    for person in people.values():
        if person.death_date:
            assert all(d.begin_date <= person.death_date for d in person.documents), person.iin
            assert person.reg_since is None or person.reg_since <= person.death_date
    for household in households:
        for act in household.civil_acts:
            if act.kind in ("BIRTH", "MARRIAGE"):
                for iin in (act.mother_iin, act.father_iin, act.spouse_iin, act.person_iin):
                    dead = people[iin].death_date if iin else None
                    assert dead is None or dead >= act.event_date or people[act.person_iin].birth_date == act.event_date
