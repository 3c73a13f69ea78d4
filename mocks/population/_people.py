"""Making one person: IIN, name, places, documents, phone. The household generator decides who and when."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final, TypeVar

from mocks.population._names import ETHNIC_GROUPS, EthnicGroup, MaleName, Surname
from mocks.population._places import FOREIGN_BIRTH_COUNTRIES, KAZAKHSTAN, REGIONS, STREETS, Region, Settlement
from mocks.population.records import GeneratedDocument, GeneratedPerson
from signing.iin import Sex, make_iin

ELECTRONIC_BIRTH_REGISTRY_FROM: Final = date(2007, 8, 13)
_ID_CARD_AGE: Final = 16
_ID_CARD_YEARS: Final = 10
_MOBILE_CODES: Final = ("700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778")

T = TypeVar("T")


def add_years(moment: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 1 March in a year without one (ages then agree)."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, month=3, day=1)


def years_between(earlier: date, later: date) -> int:
    return later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))


_SETTLEMENTS: Final = {settlement.kato: (settlement, region) for region in REGIONS for settlement in region.settlements}


def settlement_by_kato(kato: str) -> Settlement:
    return _SETTLEMENTS[kato][0]


def region_of_settlement(kato: str) -> Region:
    return _SETTLEMENTS[kato][1]


class PersonFactory:
    """Allocates IINs and document numbers (unique for a generator) and builds persons."""

    def __init__(self, rng: random.Random, epoch: date) -> None:
        self.rng = rng
        self.epoch = epoch
        self._serials: dict[tuple[date, Sex], int] = {}
        self._id_card_number = 10_000_000 + rng.randrange(10_000_000)
        self._passport_number = 1_000_000 + rng.randrange(5_000_000)
        self._act_number = 100_000 + rng.randrange(100_000)
        self._group_weights = [group.share for group in ETHNIC_GROUPS]
        self._region_weights = [region.weight for region in REGIONS]
        self._foreign = [country for country, _ in FOREIGN_BIRTH_COUNTRIES]
        self._foreign_weights = [weight for _, weight in FOREIGN_BIRTH_COUNTRIES]

    # --- choices ----------------------------------------------------------------------------------------

    def group(self) -> EthnicGroup:
        return self.rng.choices(ETHNIC_GROUPS, self._group_weights)[0]

    def region(self) -> Region:
        return self.rng.choices(REGIONS, self._region_weights)[0]

    def settlement(self, region: Region | None = None) -> str:
        region = region or self.region()
        return _weighted(self.rng, region.settlements, [s.weight for s in region.settlements]).kato

    def foreign_country(self) -> str:
        return self.rng.choices(self._foreign, self._foreign_weights)[0].code

    def surname(self, group: EthnicGroup) -> Surname:
        return self.rng.choice(group.surnames)

    def male_name(self, group: EthnicGroup) -> MaleName:
        return self.rng.choice(group.male_names)

    def act_number(self) -> str:
        self._act_number += self.rng.randint(1, 40)
        return f"{self._act_number:07d}"

    def phone(self) -> str:
        return f"+7{self.rng.choice(_MOBILE_CODES)}{self.rng.randrange(10_000_000):07d}"

    def iin(self, birth_date: date, sex: Sex) -> str:
        key = (birth_date, sex)
        serial = self._serials.get(key)
        if serial is None:
            serial = self.rng.randrange(3000)
        while True:
            serial += self.rng.randint(1, 7)
            iin = make_iin(birth_date, sex, serial)
            if iin is not None:
                self._serials[key] = serial
                return iin

    # --- a person ---------------------------------------------------------------------------------------

    def person(
        self,
        *,
        group: EthnicGroup,
        sex: Sex,
        birth_date: date,
        family: Surname,
        father_name: MaleName | None,
        address: Address,
        birth_settlement: str | None = None,
        born_abroad: bool = False,
        death_date: date | None = None,
    ) -> GeneratedPerson:
        rng = self.rng
        if sex == "M":
            given = rng.choice(group.male_names)
            name, eng_name = given.name, given.latin
            surname, eng_surname = family.male, family.male_latin
        else:
            female = rng.choice(group.female_names)
            name, eng_name = female.name, female.latin
            surname, eng_surname = family.female, family.female_latin
        patronymic = None
        if father_name is not None and rng.random() >= 0.03:
            kazakh = father_name.patronymic_kz_m if sex == "M" else father_name.patronymic_kz_f
            patronymic = father_name.patronymic_m if sex == "M" else father_name.patronymic_f
            if kazakh and birth_date.year >= 1992 and rng.random() < 0.3:
                patronymic = kazakh
        birth_place = None if born_abroad else (birth_settlement or self.settlement())
        until = death_date or self.epoch
        age_days = max(1, (until - birth_date).days)
        return GeneratedPerson(
            iin=self.iin(birth_date, sex),
            surname=surname,
            name=name,
            patronymic=patronymic,
            eng_surname=eng_surname,
            eng_first_name=eng_name,
            birth_date=birth_date,
            sex=sex,
            nationality=group.code,
            citizenship=KAZAKHSTAN.code if rng.random() < 0.985 else self.foreign_country(),
            birth_country=self.foreign_country() if born_abroad else KAZAKHSTAN.code,
            birth_settlement=birth_place,
            reg_settlement=address.settlement,
            reg_street=address.street,
            reg_building=address.building,
            reg_flat=address.flat,
            reg_since=min(birth_date + timedelta(days=rng.randrange(age_days)), until),
            birth_certificate=self.act_number() if birth_date > ELECTRONIC_BIRTH_REGISTRY_FROM else None,
            death_date=death_date,
            death_certificate=self.act_number() if death_date else None,
            phone=self.phone() if years_between(birth_date, until) >= 14 and rng.random() < 0.88 else None,
            documents=self.documents(birth_date, death_date),
        )

    def documents(self, birth_date: date, death_date: date | None) -> tuple[GeneratedDocument, ...]:
        rng = self.rng
        until = death_date or self.epoch
        if years_between(birth_date, until) < _ID_CARD_AGE:
            issued = birth_date + timedelta(days=rng.randint(1, 30))
            return (GeneratedDocument("BIRTH_CERTIFICATE", self.act_number(), issued, None, "ZAGS"),)
        first_issue = add_years(birth_date, _ID_CARD_AGE) + timedelta(days=rng.randint(0, 200))
        renewals = max(0, (until - first_issue).days // int(_ID_CARD_YEARS * 365.25))
        if renewals and rng.random() < 0.05:
            renewals -= 1  # this citizen let the card lapse and never renewed it
        issued = min(add_years(first_issue, renewals * _ID_CARD_YEARS) + timedelta(days=rng.randint(0, 60)), until)
        self._id_card_number += rng.randint(1, 60)
        documents = [
            GeneratedDocument(
                "ID_CARD", f"{self._id_card_number:09d}", issued, add_years(issued, _ID_CARD_YEARS), "MVD"
            )
        ]
        if rng.random() < 0.25:
            passport_issued = max(until - timedelta(days=rng.randrange(3650)), first_issue)
            self._passport_number += rng.randint(1, 60)
            documents.append(
                GeneratedDocument(
                    "PASSPORT",
                    f"N{self._passport_number:08d}",
                    passport_issued,
                    add_years(passport_issued, _ID_CARD_YEARS),
                    "MVD",
                )
            )
        return tuple(documents)

    def address(self, settlement: str | None = None) -> Address:
        settlement = settlement or self.settlement()
        city = settlement_by_kato(settlement).is_city
        return Address(
            settlement=settlement,
            street=self.rng.choice(STREETS).name_ru,
            building=str(self.rng.randint(1, 180)) + ("А" if self.rng.random() < 0.05 else ""),
            flat=str(self.rng.randint(1, 240)) if city and self.rng.random() < 0.75 else None,
        )


class Address:
    __slots__ = ("building", "flat", "settlement", "street")

    def __init__(self, settlement: str, street: str, building: str, flat: str | None) -> None:
        self.settlement = settlement
        self.street = street
        self.building = building
        self.flat = flat


def _weighted(rng: random.Random, items: Sequence[T], weights: Sequence[float]) -> T:
    return rng.choices(items, weights)[0]
