"""Invariants of the places (regions, settlements, streets, countries) behind the synthetic ГБД ФЛ population."""

from __future__ import annotations

import math
import re

import pytest

from mocks.population._places import (
    FOREIGN_BIRTH_COUNTRIES,
    KAZAKHSTAN,
    REGIONS,
    STREETS,
    Region,
    Settlement,
    region_by_kato,
)

CYRILLIC = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ -]+$")
NINE_DIGITS = re.compile(r"^\d{9}$")

REPUBLICAN_CITIES = {
    "710000000": ("ГОРОД АСТАНА", "АСТАНА"),
    "750000000": ("ГОРОД АЛМАТЫ", "АЛМАТЫ"),
    "790000000": ("ГОРОД ШЫМКЕНТ", "ШЫМКЕНТ"),
}
REGION_PREFIXES = {str(n) for n in (10, 11, 15, 19, 23, 27, 31, 33, 35, 39, 43, 47, 55, 59, 61, 62, 63, 71, 75, 79)}


def _settlements() -> list[tuple[Region, Settlement]]:
    return [(region, settlement) for region in REGIONS for settlement in region.settlements]


def test_there_are_exactly_twenty_first_level_units() -> None:
    assert len(REGIONS) == 20


def test_region_codes_are_unique_nine_digit_kato_prefixes() -> None:
    codes = [r.kato for r in REGIONS]
    assert len(codes) == len(set(codes))
    assert all(NINE_DIGITS.match(code) and code.endswith("0000000") for code in codes)
    assert {code[:2] for code in codes} == REGION_PREFIXES


def test_the_three_republican_cities_are_present() -> None:
    for kato, (name_ru, city) in REPUBLICAN_CITIES.items():
        region = region_by_kato(kato)
        assert region.name_ru == name_ru
        assert 3 <= len(region.settlements) <= 6
        assert all(s.is_city and s.name_ru == city for s in region.settlements)
        districts = [s.district_ru for s in region.settlements]
        assert len(districts) == len(set(districts))


def test_post_2022_regions_are_present() -> None:
    names = {r.name_kz for r in REGIONS}
    assert {"АБАЙ ОБЛЫСЫ", "ЖЕТІСУ ОБЛЫСЫ", "ҰЛЫТАУ ОБЛЫСЫ"} <= names


def test_region_names_agree_on_kind() -> None:
    for r in REGIONS:
        if r.kato in REPUBLICAN_CITIES:
            assert r.name_ru.startswith("ГОРОД ") and r.name_kz.endswith(" ҚАЛАСЫ")
        else:
            assert "ОБЛАСТЬ" in r.name_ru and r.name_kz.endswith(" ОБЛЫСЫ")


def test_region_weights_are_positive_shares_summing_to_one() -> None:
    assert all(r.weight > 0 for r in REGIONS)
    assert math.isclose(sum(r.weight for r in REGIONS), 1.0, rel_tol=0.0, abs_tol=1e-6)


def test_biggest_units_outweigh_the_smallest() -> None:
    weight = {r.kato[:2]: r.weight for r in REGIONS}
    assert weight["75"] > weight["71"] > weight["62"]
    assert min(weight, key=lambda prefix: weight[prefix]) == "62"


def test_settlement_codes_are_unique_nine_digits_under_their_region_prefix() -> None:
    codes = [s.kato for _, s in _settlements()]
    assert len(codes) == len(set(codes))
    region_codes = {r.kato for r in REGIONS}
    for region, settlement in _settlements():
        assert NINE_DIGITS.match(settlement.kato), settlement
        assert settlement.kato[:2] == region.kato[:2], settlement
        assert settlement.kato not in region_codes


def test_settlement_weights_are_positive() -> None:
    assert all(s.weight > 0 for _, s in _settlements())


def test_regions_have_a_centre_other_cities_and_a_few_villages() -> None:
    for region in REGIONS:
        if region.kato in REPUBLICAN_CITIES:
            continue
        assert region.settlements[0].is_city, region.name_ru
        assert region.settlements[0].district_ru.startswith("ГОРОД "), region.name_ru
        villages = [s for s in region.settlements if not s.is_city]
        assert 2 <= len(villages) <= 4, region.name_ru


def test_district_names_agree_on_kind() -> None:
    for region, s in _settlements():
        if s.district_ru.startswith("ГОРОД "):
            assert s.district_kz.endswith(" ҚАЛАСЫ"), s
            assert s.is_city and region.kato not in REPUBLICAN_CITIES
        else:
            assert "РАЙОН" in s.district_ru and s.district_kz.endswith(" АУДАНЫ"), s


def test_all_place_names_are_uppercase_cyrillic() -> None:
    names = [n for r in REGIONS for n in (r.name_ru, r.name_kz)]
    names += [n for _, s in _settlements() for n in (s.name_ru, s.name_kz, s.district_ru, s.district_kz)]
    names += [n for street in STREETS for n in (street.name_ru, street.name_kz)]
    names += [n for c, _ in FOREIGN_BIRTH_COUNTRIES for n in (c.name_ru, c.name_kz)]
    names += [KAZAKHSTAN.name_ru, KAZAKHSTAN.name_kz]
    assert [n for n in names if not CYRILLIC.match(n)] == []


def test_streets_are_plentiful_unique_and_bilingually_consistent() -> None:
    assert len(STREETS) >= 40
    assert len({s.name_ru for s in STREETS}) == len(STREETS)
    assert len({s.name_kz for s in STREETS}) == len(STREETS)
    kinds = {"УЛИЦА ": " КӨШЕСІ", "ПРОСПЕКТ ": " ДАҢҒЫЛЫ", "МИКРОРАЙОН ": " ШАҒЫН АУДАНЫ"}
    for street in STREETS:
        prefix = next((p for p in kinds if street.name_ru.startswith(p)), None)
        assert prefix is not None, street
        assert street.name_kz.endswith(kinds[prefix]), street


def test_no_street_carries_a_renamed_name() -> None:
    assert not [s for s in STREETS if "НАЗАРБАЕВ" in s.name_ru or "НАЗАРБАЕВ" in s.name_kz]


def test_kazakhstan() -> None:
    assert (KAZAKHSTAN.code, KAZAKHSTAN.alpha2, KAZAKHSTAN.name_kz) == ("398", "KZ", "ҚАЗАҚСТАН")


def test_foreign_birth_countries() -> None:
    countries = [c for c, _ in FOREIGN_BIRTH_COUNTRIES]
    assert all(re.fullmatch(r"\d{3}", c.code) and re.fullmatch(r"[A-Z]{2}", c.alpha2) for c in countries)
    assert len({c.code for c in countries}) == len(countries)
    assert len({c.alpha2 for c in countries}) == len(countries)
    assert KAZAKHSTAN not in countries
    assert {"UZ", "RU", "CN", "MN", "TM", "KG", "UA"} <= {c.alpha2 for c in countries}
    assert all(weight > 0 for _, weight in FOREIGN_BIRTH_COUNTRIES)


def test_region_by_kato_round_trips() -> None:
    for region in REGIONS:
        assert region_by_kato(region.kato) is region


@pytest.mark.parametrize("kato", ["", "71", "000000000", "720000000", "7100000000", REGIONS[0].settlements[0].kato])
def test_region_by_kato_rejects_unknown_codes(kato: str) -> None:
    with pytest.raises(KeyError):
        region_by_kato(kato)
