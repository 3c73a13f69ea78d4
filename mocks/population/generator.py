"""The synthetic population: deterministic for a seed, plausible for Kazakhstan.

Each citizen gets a valid IIN whose date and 7th digit agree with the birth date and sex
(shared/notes/signing-kz-pki-xmldsig.md §1.8), a name of their ethnic group with the surname in their
sex's form and a patronymic from a father's name, a birth place and a registration address in real regions
and settlements, identity documents with issue and expiry dates, and a life status.

The population is generated *as of* :data:`POPULATION_EPOCH`, not as of today, so the same seed gives the
same people on every machine and every day; what depends on today (is a card expired, is someone a child)
is worked out when the data is read, from the instance's clock.

What is simulated, and roughly how: the age pyramid (bands of the 2021 census), the share of deceased
records (rising with age), the share of citizens born abroad (mostly returning ethnic Kazakhs, "kandas"),
of foreign citizens with an IIN, of ID cards left to expire, and of passports. Document numbers follow the
printed formats (ID card: 9 digits; passport: N + 8 digits) but are not real series.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, TypeVar

from mocks.population._names import ETHNIC_GROUPS, EthnicGroup
from mocks.population._places import FOREIGN_BIRTH_COUNTRIES, KAZAKHSTAN, REGIONS, STREETS, Region, Settlement
from signing.iin import Sex, make_iin

POPULATION_EPOCH: Final = date(2026, 1, 1)

ELECTRONIC_BIRTH_REGISTRY_FROM: Final = date(2007, 8, 13)
"""Births registered after this date are in the electronic civil registry (АХАЖ); issue #4 cites the order's line."""

# (lowest age, highest age, share): bands of the 2021 census, smoothed.
_AGE_BANDS: Final = ((0, 14, 0.295), (15, 24, 0.13), (25, 54, 0.42), (55, 64, 0.09), (65, 95, 0.065))
_ID_CARD_AGE: Final = 16
_ID_CARD_YEARS: Final = 10

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    kind: str
    number: str
    begin_date: date
    end_date: date | None
    issuer: str


@dataclass(frozen=True, slots=True)
class GeneratedPerson:
    iin: str
    surname: str
    name: str
    patronymic: str | None
    eng_surname: str
    eng_first_name: str
    birth_date: date
    sex: Sex
    nationality: str
    citizenship: str
    birth_country: str
    birth_settlement: str | None
    reg_settlement: str | None
    reg_street: str | None
    reg_building: str | None
    reg_flat: str | None
    reg_since: date | None
    birth_certificate: str | None
    death_date: date | None
    death_certificate: str | None
    documents: tuple[GeneratedDocument, ...]

    def person_row(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "documents"}


class PopulationGenerator:
    """Yields citizens one by one; the n-th citizen of a seed is always the same person."""

    def __init__(self, seed: int, epoch: date = POPULATION_EPOCH) -> None:
        self._rng = random.Random(seed)
        self._epoch = epoch
        self._serials: dict[tuple[date, Sex], int] = {}
        self._id_card_number = 10_000_000 + self._rng.randrange(10_000_000)
        self._passport_number = 1_000_000 + self._rng.randrange(5_000_000)
        self._civil_act_number = 100_000 + self._rng.randrange(100_000)
        self._groups = ETHNIC_GROUPS
        self._group_weights = [group.share for group in ETHNIC_GROUPS]
        self._region_weights = [region.weight for region in REGIONS]

    def people(self, count: int) -> Iterator[GeneratedPerson]:
        for _ in range(count):
            yield self._person()

    def _person(self) -> GeneratedPerson:
        rng = self._rng
        age = self._age()
        birth_date = self._epoch - timedelta(days=int(age * 365.25) + rng.randrange(365))
        sex: Sex = "M" if rng.random() < (0.49 if age < 60 else 0.40) else "F"
        group = rng.choices(self._groups, self._group_weights)[0]
        iin = self._iin(birth_date, sex)
        death_date = self._death_date(birth_date, age)
        born_abroad = rng.random() < (0.12 if group.code == "005" and age > 20 else 0.04)
        birth_settlement = None if born_abroad else self._settlement(self._region())
        surname, name, patronymic, eng_surname, eng_first_name = self._names(group, sex, birth_date)
        reg_settlement = (
            birth_settlement if birth_settlement and rng.random() < 0.6 else self._settlement(self._region())
        )
        reg_city = self._is_city(reg_settlement)
        reg_since = birth_date + timedelta(days=rng.randrange(max(1, (self._epoch - birth_date).days)))
        documents = self._documents(birth_date, death_date)
        return GeneratedPerson(
            iin=iin,
            surname=surname,
            name=name,
            patronymic=patronymic,
            eng_surname=eng_surname,
            eng_first_name=eng_first_name,
            birth_date=birth_date,
            sex=sex,
            nationality=group.code,
            citizenship=KAZAKHSTAN.code if rng.random() < 0.985 else self._foreign_country(),
            birth_country=self._foreign_country() if born_abroad else KAZAKHSTAN.code,
            birth_settlement=birth_settlement,
            reg_settlement=reg_settlement,
            reg_street=rng.choice(STREETS).name_ru,
            reg_building=str(rng.randint(1, 180)) + ("А" if rng.random() < 0.05 else ""),
            reg_flat=str(rng.randint(1, 240)) if reg_city and rng.random() < 0.75 else None,
            reg_since=min(reg_since, death_date or self._epoch),
            birth_certificate=self._civil_act() if birth_date > ELECTRONIC_BIRTH_REGISTRY_FROM else None,
            death_date=death_date,
            death_certificate=self._civil_act() if death_date else None,
            documents=documents,
        )

    def _age(self) -> int:
        low, high, _ = self._rng.choices(_AGE_BANDS, [band[2] for band in _AGE_BANDS])[0]
        return self._rng.randint(low, high)

    def _iin(self, birth_date: date, sex: Sex) -> str:
        key = (birth_date, sex)
        serial = self._serials.get(key)
        if serial is None:
            serial = self._rng.randrange(3000)
        while True:
            serial += self._rng.randint(1, 7)
            iin = make_iin(birth_date, sex, serial)
            if iin is not None:
                self._serials[key] = serial
                return iin

    def _death_date(self, birth_date: date, age: int) -> date | None:
        if self._rng.random() >= 0.004 + 0.0018 * max(0, age - 45):
            return None
        earliest = max(birth_date + timedelta(days=1), self._epoch - timedelta(days=15 * 365))
        return earliest + timedelta(days=self._rng.randrange(max(1, (self._epoch - earliest).days)))

    def _names(self, group: EthnicGroup, sex: Sex, birth_date: date) -> tuple[str, str, str | None, str, str]:
        rng = self._rng
        family = rng.choice(group.surnames)
        father = rng.choice(group.male_names)
        if sex == "M":
            given = rng.choice(group.male_names)
            surname, eng_surname, name, eng_name = family.male, family.male_latin, given.name, given.latin
            kazakh_style, russian_style = father.patronymic_kz_m, father.patronymic_m
        else:
            female = rng.choice(group.female_names)
            surname, eng_surname, name, eng_name = family.female, family.female_latin, female.name, female.latin
            kazakh_style, russian_style = father.patronymic_kz_f, father.patronymic_f
        patronymic: str | None = russian_style
        if kazakh_style and birth_date.year >= 1992 and rng.random() < 0.3:
            patronymic = kazakh_style
        if rng.random() < 0.03:
            patronymic = None
        return surname, name, patronymic, eng_surname, eng_name

    def _region(self) -> Region:
        return self._rng.choices(REGIONS, self._region_weights)[0]

    def _settlement(self, region: Region) -> str:
        return _weighted(self._rng, region.settlements, [s.weight for s in region.settlements]).kato

    def _is_city(self, kato: str | None) -> bool:
        return kato is not None and settlement_by_kato(kato).is_city

    def _foreign_country(self) -> str:
        countries = [country for country, _ in FOREIGN_BIRTH_COUNTRIES]
        return self._rng.choices(countries, [weight for _, weight in FOREIGN_BIRTH_COUNTRIES])[0].code

    def _civil_act(self) -> str:
        self._civil_act_number += self._rng.randint(1, 40)
        return f"{self._civil_act_number:07d}"

    def _documents(self, birth_date: date, death_date: date | None) -> tuple[GeneratedDocument, ...]:
        rng = self._rng
        until = death_date or self._epoch
        documents: list[GeneratedDocument] = []
        if (until - birth_date).days < _ID_CARD_AGE * 365:
            issued = birth_date + timedelta(days=rng.randint(1, 30))
            documents.append(GeneratedDocument("BIRTH_CERTIFICATE", self._civil_act(), issued, None, "ZAGS"))
            return tuple(documents)
        first_issue = _add_years(birth_date, _ID_CARD_AGE) + timedelta(days=rng.randint(0, 200))
        renewals = max(0, (until - first_issue).days // int(_ID_CARD_YEARS * 365.25))
        if renewals and rng.random() < 0.05:
            renewals -= 1  # this citizen let the card lapse and never renewed it
        issued = min(_add_years(first_issue, renewals * _ID_CARD_YEARS) + timedelta(days=rng.randint(0, 60)), until)
        self._id_card_number += rng.randint(1, 60)
        documents.append(
            GeneratedDocument(
                "ID_CARD", f"{self._id_card_number:09d}", issued, _add_years(issued, _ID_CARD_YEARS), "MVD"
            )
        )
        if rng.random() < 0.25:
            passport_issued = until - timedelta(days=rng.randrange(3650))
            passport_issued = max(passport_issued, first_issue)
            self._passport_number += rng.randint(1, 60)
            documents.append(
                GeneratedDocument(
                    "PASSPORT",
                    f"N{self._passport_number:08d}",
                    passport_issued,
                    _add_years(passport_issued, _ID_CARD_YEARS),
                    "MVD",
                )
            )
        return tuple(documents)


_SETTLEMENTS: Final = {settlement.kato: (settlement, region) for region in REGIONS for settlement in region.settlements}


def settlement_by_kato(kato: str) -> Settlement:
    return _SETTLEMENTS[kato][0]


def region_of_settlement(kato: str) -> Region:
    return _SETTLEMENTS[kato][1]


def _weighted(rng: random.Random, items: Sequence[T], weights: Sequence[float]) -> T:
    return rng.choices(items, weights)[0]


def _add_years(moment: date, years: int) -> date:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February in a year that has none
        return moment.replace(year=moment.year + years, day=28)
