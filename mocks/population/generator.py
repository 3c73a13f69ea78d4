"""The synthetic population: households of Kazakhstan, deterministic for a seed.

People come in households, so that every state system tells one story about them: a married couple has a
marriage act in the civil registry (АХАЖ); their children have birth acts naming them, their father's
surname in its gendered form and a patronymic from his name; a child adopted has a court decision and an
E-Guardianship record; orphans have deceased parents with death acts and a guardian. Each person then gets
what the other registries know (:mod:`mocks.population._life`): disabilities, jobs and contributions,
unemployment, sole-trader registrations, bank accounts and the benefits already assigned.

The population is generated *as of* :data:`POPULATION_EPOCH`, not as of today, so the same seed gives the
same people everywhere; what depends on today (ages, expiry, the registry cut-offs) is judged when the data
is read. Proportions are plausible, not statistics: they are documented where they are drawn.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Final

from mocks.population._life import LifeEvents, death_probability
from mocks.population._names import EthnicGroup, MaleName, Surname
from mocks.population._people import Address, PersonFactory, add_years, years_between
from mocks.population.records import CivilAct, CourtDecision, GeneratedPerson, Guardianship, Household
from signing.iin import Sex

POPULATION_EPOCH: Final = date(2026, 1, 1)

# Household kinds and their shares; with the ages drawn below they give roughly the 2021 census pyramid.
_KINDS: Final = (("family", 0.55), ("single", 0.15), ("single_parent", 0.12), ("elderly", 0.16), ("guardian", 0.02))
# Children per married couple: Kazakhstan's families are large (total fertility ≈ 3).
_CHILDREN: Final = (
    (0, 0.05), (1, 0.13), (2, 0.25), (3, 0.26), (4, 0.14), (5, 0.08), (6, 0.045), (7, 0.025), (8, 0.015)
)  # fmt: skip


class PopulationGenerator:
    """Yields households one by one; the n-th household of a seed is always the same."""

    def __init__(self, seed: int, epoch: date = POPULATION_EPOCH) -> None:
        self.rng = random.Random(seed)
        self.epoch = epoch
        self.people_factory = PersonFactory(self.rng, epoch)
        self.life = LifeEvents(self.rng, epoch, self.people_factory)

    def generate(self, size: int) -> Iterator[Household]:
        """Households holding exactly ``size`` people in all.

        The last dozen places are filled with one-person households, so a smaller population of a seed is the
        start of a larger one but for its last few people.
        """
        made = 0
        while made < size:
            household = self._household(room=size - made)
            made += len(household.persons)
            yield household

    def people(self, count: int) -> Iterator[GeneratedPerson]:
        for household in self.generate(count):
            yield from household.persons

    # --- households -------------------------------------------------------------------------------------

    def _household(self, room: int) -> Household:
        kind = self.rng.choices([k for k, _ in _KINDS], [w for _, w in _KINDS])[0]
        household = Household()
        if room < 12 or kind == "single":
            self._single(household)
        elif kind == "family":
            self._family(household)
        elif kind == "single_parent":
            self._single_parent(household)
        elif kind == "elderly":
            self._elderly(household)
        else:
            self._guardian(household)
        self.life.apply(household)
        return household

    def _born(self, low: int, high: int) -> date:
        """A birth date for someone ``low`` to ``high`` years old at the epoch."""
        age = self.rng.randint(low, high)
        return self.epoch - timedelta(days=int(age * 365.25) + self.rng.randrange(365))

    def _death(self, birth_date: date, after: date | None = None) -> date | None:
        age = years_between(birth_date, self.epoch)
        if self.rng.random() >= death_probability(age):
            return None
        earliest = max(after or birth_date + timedelta(days=1), self.epoch - timedelta(days=30 * 365))
        if earliest >= self.epoch:
            return None
        return earliest + timedelta(days=self.rng.randrange(max(1, (self.epoch - earliest).days)))

    def _adult(
        self,
        household: Household,
        group: EthnicGroup,
        sex: Sex,
        birth_date: date,
        address: Address,
        *,
        family: Surname | None = None,
        death: bool = True,
    ) -> GeneratedPerson:
        person = self.people_factory.person(
            group=group,
            sex=sex,
            birth_date=birth_date,
            family=family or self.people_factory.surname(group),
            father_name=self.people_factory.male_name(group),
            address=address,
            born_abroad=self.rng.random() < (0.12 if group.code == "005" else 0.04),
            death_date=self._death(birth_date) if death else None,
        )
        household.persons.append(person)
        self._death_act(household, person)
        return person

    def _single(self, household: Household) -> None:
        group = self.people_factory.group()
        sex: Sex = "M" if self.rng.random() < 0.48 else "F"
        self._adult(household, group, sex, self._born(18, 90), self.people_factory.address())

    def _couple(
        self, household: Household, husband_age: tuple[int, int], address: Address, *, death: bool = True
    ) -> tuple[GeneratedPerson, GeneratedPerson, EthnicGroup, Surname, MaleName, date]:
        factory = self.people_factory
        group = factory.group()
        husband_birth = self._born(*husband_age)
        wife_birth = husband_birth + timedelta(days=self.rng.randint(-700, 2200))
        if years_between(wife_birth, self.epoch) < 19:
            wife_birth = add_years(self.epoch, -19) - timedelta(days=self.rng.randrange(300))
        family = factory.surname(group)
        married = max(add_years(wife_birth, self.rng.randint(19, 30)), add_years(husband_birth, 20))
        married = min(married, self.epoch - timedelta(days=30))
        husband = self._adult(household, group, "M", husband_birth, address, family=family, death=False)
        wife_group = group if self.rng.random() < 0.85 else factory.group()
        wife = self._adult(household, wife_group, "F", wife_birth, address, family=family, death=False)
        if death:
            for spouse in (husband, wife):
                when = self._death(spouse.birth_date, after=married)
                if when:
                    self._die(household, spouse, when)
        father_name = next((name for name in group.male_names if name.name == husband.name), factory.male_name(group))
        household.civil_acts.append(
            CivilAct(
                "MARRIAGE", factory.act_number(), married, married, address.settlement, husband.iin, spouse_iin=wife.iin
            )
        )
        return husband, wife, group, family, father_name, married

    def _children(
        self,
        household: Household,
        group: EthnicGroup,
        family: Surname,
        mother: GeneratedPerson,
        father: GeneratedPerson | None,
        father_name: MaleName | None,
        start: date,
        address: Address,
        count: int,
        *,
        mortality: bool = True,
    ) -> list[GeneratedPerson]:
        children = []
        birth = start + timedelta(days=self.rng.randint(250, 900))
        for _ in range(count):
            end = min(self.epoch, mother.death_date or self.epoch, add_years(mother.birth_date, 45))
            if birth >= end:
                break
            sex: Sex = "M" if self.rng.random() < 0.51 else "F"
            child = self.people_factory.person(
                group=group,
                sex=sex,
                birth_date=birth,
                family=family,
                father_name=father_name or self.people_factory.male_name(group),
                address=address,
                birth_settlement=address.settlement,
                death_date=self._death(birth) if mortality and self.rng.random() < 0.3 else None,
            )
            household.persons.append(child)
            household.civil_acts.append(
                CivilAct(
                    "BIRTH",
                    self.people_factory.act_number(),
                    birth,
                    birth + timedelta(days=self.rng.randint(1, 30)),
                    address.settlement,
                    child.iin,
                    mother_iin=mother.iin,
                    father_iin=father.iin if father else None,
                )
            )
            self._death_act(household, child)
            children.append(child)
            birth += timedelta(days=self.rng.randint(400, 1800))
        return children

    def _family(self, household: Household) -> None:
        address = self.people_factory.address()
        husband, wife, group, family, father_name, married = self._couple(household, (22, 62), address)
        count = self.rng.choices([c for c, _ in _CHILDREN], [w for _, w in _CHILDREN])[0]
        children = self._children(household, group, family, wife, husband, father_name, married, address, count)
        if children and self.rng.random() < 0.015:
            self._adoption(household, self.rng.choice(children), husband, address)

    def _single_parent(self, household: Household) -> None:
        factory = self.people_factory
        address = factory.address()
        if self.rng.random() < 0.7:
            ex_address = factory.address()
            husband, mother, group, family, father_name, married = self._couple(household, (23, 60), ex_address)
            mother.reg_settlement, mother.reg_street = address.settlement, address.street
            mother.reg_building, mother.reg_flat = address.building, address.flat
            count = self.rng.randint(1, 4)
            children = self._children(household, group, family, mother, husband, father_name, married, address, count)
            last = max((child.birth_date for child in children), default=married)
            divorced = min(last + timedelta(days=self.rng.randint(200, 2500)), self.epoch - timedelta(days=10))
            if divorced > married and not (husband.death_date or mother.death_date):
                household.civil_acts.append(
                    CivilAct(
                        "DIVORCE",
                        factory.act_number(),
                        divorced,
                        divorced,
                        address.settlement,
                        husband.iin,
                        spouse_iin=mother.iin,
                    )  # fmt: skip
                )
            return
        group = factory.group()
        mother = self._adult(household, group, "F", self._born(20, 50), address)
        family = Surname(mother.surname, mother.surname, mother.eng_surname, mother.eng_surname)
        start = add_years(mother.birth_date, self.rng.randint(18, 28))
        self._children(household, group, family, mother, None, None, start, address, self.rng.randint(1, 3))

    def _elderly(self, household: Household) -> None:
        self._couple(household, (58, 88), self.people_factory.address())

    def _guardian(self, household: Household) -> None:
        """Orphans and the relative who became their guardian; their parents are deceased or declared missing."""
        factory = self.people_factory
        group = factory.group()
        address = factory.address()
        guardian_sex: Sex = "F" if self.rng.random() < 0.7 else "M"
        guardian = self._adult(household, group, guardian_sex, self._born(42, 72), address, death=False)
        parents_address = factory.address(address.settlement)
        husband, mother, _, family, father_name, married = self._couple(
            household, (25, 45), parents_address, death=False
        )
        count = self.rng.randint(1, 2)
        wards = self._children(
            household, group, family, mother, husband, father_name, married, address, count, mortality=False
        )
        if not wards:
            return
        youngest = max(ward.birth_date for ward in wards)
        lost = youngest + timedelta(days=self.rng.randrange(max(1, (self.epoch - youngest).days)))
        self._die(household, mother, lost)
        if self.rng.random() < 0.3:
            household.court_decisions.append(
                CourtDecision(
                    "DECLARED_MISSING",
                    husband.iin,
                    self._case_number(),
                    _court(address.settlement),
                    lost + timedelta(days=400),
                    lost + timedelta(days=430),
                    guardian.iin,
                )  # fmt: skip
            )
        else:
            self._die(household, husband, lost)
        decided = lost + timedelta(days=self.rng.randint(20, 120))
        for ward in wards:
            kind = "GUARDIANSHIP" if years_between(ward.birth_date, decided) < 14 else "CUSTODY"
            if self.rng.random() < 0.15:
                kind = "FOSTER_FAMILY"
            household.guardianships.append(
                Guardianship(
                    kind,
                    ward.iin,
                    guardian.iin,
                    self._decision_number(),
                    min(decided, self.epoch),
                    _authority(address.settlement),
                )  # fmt: skip
            )

    def _adoption(
        self, household: Household, child: GeneratedPerson, parent: GeneratedPerson, address: Address
    ) -> None:
        decided = child.birth_date + timedelta(days=self.rng.randint(60, 900))
        if decided >= self.epoch:
            return
        household.court_decisions.append(
            CourtDecision(
                "ADOPTION",
                child.iin,
                self._case_number(),
                _court(address.settlement),
                decided,
                decided + timedelta(days=30),
                parent.iin,
            )  # fmt: skip
        )
        household.guardianships.append(
            Guardianship(
                "ADOPTION", child.iin, parent.iin, self._decision_number(), decided, _authority(address.settlement)
            )
        )

    def _die(self, household: Household, person: GeneratedPerson, when: date) -> None:
        """Make a person created alive die on ``when``: their documents end there, the registry records it."""
        factory = self.people_factory
        person.death_date, person.death_certificate = when, factory.act_number()
        person.documents = factory.documents(person.birth_date, when)
        if person.reg_since and person.reg_since > when:
            person.reg_since = when
        self._death_act(household, person)

    def _death_act(self, household: Household, person: GeneratedPerson) -> None:
        if person.death_date is None:
            return
        registered = min(person.death_date + timedelta(days=self.rng.randint(1, 10)), self.epoch)
        office = person.reg_settlement or self.people_factory.settlement()
        household.civil_acts.append(
            CivilAct(
                "DEATH",
                person.death_certificate or self.people_factory.act_number(),
                person.death_date,
                registered,
                office,
                person.iin,
            )  # fmt: skip
        )

    def _case_number(self) -> str:
        rng = self.rng
        return f"{rng.randint(2, 7)}{rng.randint(100, 999)}-{rng.randint(10, 25)}-00-2/{rng.randint(1, 9999)}"

    def _decision_number(self) -> str:
        return f"{self.rng.randint(1, 2000)}-{self.rng.choice('ПРКЖ')}"


def _court(settlement: str) -> str:
    return f"court:{settlement}"


def _authority(settlement: str) -> str:
    return f"akimat:{settlement}"
