"""Invariants of the name tables behind the synthetic ГБД ФЛ population."""

from __future__ import annotations

import dataclasses
import math
import re

import pytest

from mocks.population._names import ETHNIC_GROUPS, EthnicGroup, MaleName, group_by_code, latin

CYRILLIC = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ -]+$")
LATIN = re.compile(r"^[A-Z -]+$")

KAZAKH = "005"
RUSSIAN = "001"


def _male_name(group_code: str, name: str) -> MaleName:
    matches = [m for m in group_by_code(group_code).male_names if m.name == name]
    assert len(matches) == 1, f"{name} not found exactly once in group {group_code}"
    return matches[0]


def _cyrillic_fields(group: EthnicGroup) -> list[str]:
    fields = [group.name_ru, group.name_kz]
    for m in group.male_names:
        fields += [m.name, m.patronymic_m, m.patronymic_f]
        fields += [p for p in (m.patronymic_kz_m, m.patronymic_kz_f) if p is not None]
    fields += [f.name for f in group.female_names]
    for s in group.surnames:
        fields += [s.male, s.female]
    return fields


def _latin_fields(group: EthnicGroup) -> list[str]:
    fields = [m.latin for m in group.male_names] + [f.latin for f in group.female_names]
    for s in group.surnames:
        fields += [s.male_latin, s.female_latin]
    return fields


def test_shares_sum_to_one() -> None:
    assert math.isclose(sum(g.share for g in ETHNIC_GROUPS), 1.0, rel_tol=0.0, abs_tol=1e-9)


def test_shares_are_positive_and_ordered_like_the_census() -> None:
    assert all(g.share > 0 for g in ETHNIC_GROUPS)
    by_share = sorted(ETHNIC_GROUPS, key=lambda g: g.share, reverse=True)
    assert [g.code for g in by_share[:2]] == [KAZAKH, RUSSIAN]
    assert 0.65 < group_by_code(KAZAKH).share < 0.8
    assert 0.13 < group_by_code(RUSSIAN).share < 0.2


def test_group_codes_are_unique_three_digit_strings() -> None:
    codes = [g.code for g in ETHNIC_GROUPS]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"\d{3}", code) for code in codes)


def test_expected_groups_are_present() -> None:
    assert {g.name_ru for g in ETHNIC_GROUPS} >= {
        "КАЗАХ",
        "РУССКИЙ",
        "УЗБЕК",
        "УКРАИНЕЦ",
        "УЙГУР",
        "НЕМЕЦ",
        "ТАТАРИН",
        "КОРЕЕЦ",
    }


@pytest.mark.parametrize("group", ETHNIC_GROUPS, ids=lambda g: g.name_ru)
def test_group_has_enough_names(group: EthnicGroup) -> None:
    minimum = {KAZAKH: 60, RUSSIAN: 40}.get(group.code, 12)
    assert len(group.male_names) >= minimum
    assert len(group.female_names) >= minimum
    assert len(group.surnames) >= minimum


@pytest.mark.parametrize("group", ETHNIC_GROUPS, ids=lambda g: g.name_ru)
def test_cyrillic_fields_are_uppercase_cyrillic(group: EthnicGroup) -> None:
    bad = [field for field in _cyrillic_fields(group) if not CYRILLIC.match(field)]
    assert bad == []


@pytest.mark.parametrize("group", ETHNIC_GROUPS, ids=lambda g: g.name_ru)
def test_latin_fields_are_uppercase_ascii(group: EthnicGroup) -> None:
    bad = [field for field in _latin_fields(group) if not LATIN.match(field)]
    assert bad == []


@pytest.mark.parametrize("group", ETHNIC_GROUPS, ids=lambda g: g.name_ru)
def test_no_duplicates_within_a_group(group: EthnicGroup) -> None:
    for values in (
        [m.name for m in group.male_names],
        [m.latin for m in group.male_names],
        [f.name for f in group.female_names],
        [f.latin for f in group.female_names],
        [s.male for s in group.surnames],
        [s.male_latin for s in group.surnames],
    ):
        assert len(values) == len(set(values)), sorted(v for v in values if values.count(v) > 1)


@pytest.mark.parametrize("group", ETHNIC_GROUPS, ids=lambda g: g.name_ru)
def test_female_surname_forms(group: EthnicGroup) -> None:
    for s in group.surnames:
        if s.male.endswith(("ОВ", "ЕВ", "ИН", "ЫН")):
            assert s.female == s.male + "А"
            assert s.female_latin == s.male_latin + "A"
        elif s.male.endswith("СКИЙ"):
            assert s.female == s.male[: -len("СКИЙ")] + "СКАЯ"
            assert s.female_latin.endswith("SKAYA")
        else:
            assert (s.female, s.female_latin) == (s.male, s.male_latin), s.male


def test_invariable_surnames_of_korean_german_and_ukrainian_ko_families() -> None:
    korean = group_by_code("104").surnames
    german = group_by_code("102").surnames
    ukrainian_ko = [s for s in group_by_code("002").surnames if s.male.endswith("КО")]
    assert ukrainian_ko
    assert {"КИМ", "ПАК", "ЛИ", "ЦОЙ", "ТЕН"} <= {s.male for s in korean}
    for s in (*korean, *german, *ukrainian_ko):
        assert s.female == s.male


def test_ukrainian_surnames_mix_invariable_and_gendered_forms() -> None:
    endings = {s.male[-2:] for s in group_by_code("002").surnames}
    assert {"КО", "ОВ", "ЕВ", "ИЙ"} <= endings


def test_kazakh_male_names_have_kazakh_style_patronymics() -> None:
    for m in group_by_code(KAZAKH).male_names:
        assert m.patronymic_kz_m == m.name + "ҰЛЫ"
        assert m.patronymic_kz_f == m.name + "ҚЫЗЫ"


def test_only_kazakh_names_have_kazakh_style_patronymics() -> None:
    for group in ETHNIC_GROUPS:
        if group.code == KAZAKH:
            continue
        for m in group.male_names:
            assert (m.patronymic_kz_m, m.patronymic_kz_f) == (None, None), (group.name_ru, m.name)


@pytest.mark.parametrize("group", ETHNIC_GROUPS, ids=lambda g: g.name_ru)
def test_russian_style_patronymic_endings(group: EthnicGroup) -> None:
    for m in group.male_names:
        assert m.patronymic_m.endswith("ИЧ"), m.name
        assert m.patronymic_f.endswith("НА"), m.name
        if m.patronymic_m.endswith("ВИЧ"):
            assert m.patronymic_f == m.patronymic_m[: -len("ВИЧ")] + "ВНА", m.name


@pytest.mark.parametrize(
    ("group_code", "name", "patronymic_m", "patronymic_f"),
    [
        (RUSSIAN, "ИЛЬЯ", "ИЛЬИЧ", "ИЛЬИНИЧНА"),
        (RUSSIAN, "НИКИТА", "НИКИТИЧ", "НИКИТИЧНА"),
        (RUSSIAN, "СЕРГЕЙ", "СЕРГЕЕВИЧ", "СЕРГЕЕВНА"),
        (RUSSIAN, "МИХАИЛ", "МИХАЙЛОВИЧ", "МИХАЙЛОВНА"),
        (RUSSIAN, "ПАВЕЛ", "ПАВЛОВИЧ", "ПАВЛОВНА"),
        (RUSSIAN, "ЮРИЙ", "ЮРЬЕВИЧ", "ЮРЬЕВНА"),
        (RUSSIAN, "ДМИТРИЙ", "ДМИТРИЕВИЧ", "ДМИТРИЕВНА"),
        (RUSSIAN, "ИГОРЬ", "ИГОРЕВИЧ", "ИГОРЕВНА"),
        ("102", "ЯКОВ", "ЯКОВЛЕВИЧ", "ЯКОВЛЕВНА"),
        (KAZAKH, "НҰРЛАН", "НҰРЛАНОВИЧ", "НҰРЛАНОВНА"),
        (KAZAKH, "ӘЛИ", "ӘЛИЕВИЧ", "ӘЛИЕВНА"),
        (KAZAKH, "ҚУАНЫШ", "ҚУАНЫШЕВИЧ", "ҚУАНЫШЕВНА"),
        (KAZAKH, "АБЫЛАЙ", "АБЫЛАЕВИЧ", "АБЫЛАЕВНА"),
    ],
)
def test_irregular_and_typical_patronymics(group_code: str, name: str, patronymic_m: str, patronymic_f: str) -> None:
    m = _male_name(group_code, name)
    assert (m.patronymic_m, m.patronymic_f) == (patronymic_m, patronymic_f)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("НҰРЛАН", "NURLAN"),
        ("ҚАЙРАТ", "KAIRAT"),
        ("ӘЛИЯ", "ALIYA"),
        ("ЖАНАР", "ZHANAR"),
        ("ШЫНАР", "SHYNAR"),
        ("ЮЛИЯ", "YULIYA"),
    ],
)
def test_latin_forms_match_kazakh_documents(cyrillic: str, latin: str) -> None:
    found = {m.latin for g in ETHNIC_GROUPS for m in g.male_names if m.name == cyrillic}
    found |= {f.latin for g in ETHNIC_GROUPS for f in g.female_names if f.name == cyrillic}
    assert found == {latin}


def test_a_name_shared_by_groups_is_spelled_and_inflected_the_same_everywhere() -> None:
    seen: dict[str, tuple[str, str, str]] = {}
    for group in ETHNIC_GROUPS:
        for m in group.male_names:
            forms = (m.latin, m.patronymic_m, m.patronymic_f)
            assert seen.setdefault(m.name, forms) == forms, m.name


def test_group_by_code_round_trips() -> None:
    for group in ETHNIC_GROUPS:
        assert group_by_code(group.code) is group


@pytest.mark.parametrize("code", ["", "5", "000", "999", "КАЗАХ"])
def test_group_by_code_rejects_unknown_codes(code: str) -> None:
    with pytest.raises(KeyError):
        group_by_code(code)


def test_records_are_immutable() -> None:
    group = ETHNIC_GROUPS[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        group.share = 1.0  # type: ignore[misc]


def test_latin_reproduces_every_latin_form_in_the_name_tables() -> None:
    for group in ETHNIC_GROUPS:
        for male in group.male_names:
            assert latin(male.name) == male.latin
        for female in group.female_names:
            assert latin(female.name) == female.latin
        for surname in group.surnames:
            assert (latin(surname.male), latin(surname.female)) == (surname.male_latin, surname.female_latin)
    assert latin("Щербаков") == "SHCHERBAKOV"
