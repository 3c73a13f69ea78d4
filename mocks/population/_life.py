"""What the other registries know about a person: disability, work and contributions, unemployment, sole
trading, bank accounts, the benefits already assigned. Drawn per person once the household exists, so that
benefits follow from the family (a mother of six, a parent of a disabled child).

Shares are plausible orders of magnitude for Kazakhstan, not statistics: about 4 % of people with a
disability determination, two thirds of working-age adults employed, one in eleven a sole trader, nine in
ten adults with a bank account.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Final

from mocks.population._people import PersonFactory, add_years, years_between
from mocks.population.records import (
    BankAccount,
    Benefit,
    Disability,
    Employment,
    Entrepreneur,
    GeneratedPerson,
    Household,
    Unemployment,
)
from signing.iin import make_bin

# Retirement ages (Social Code): men 63; women 61 (the rise from 58 to 63 is paused at 61).
RETIREMENT_AGE: Final = {"M": 63, "F": 61}
DISABILITY_CAUSES: Final = (("GENERAL_ILLNESS", 0.72), ("WORK_INJURY", 0.08), ("OCCUPATIONAL_DISEASE", 0.05),
                            ("MILITARY_SERVICE", 0.03), ("SINCE_CHILDHOOD", 0.12))  # fmt: skip
# IBAN bank codes (positions 5-7 of a Kazakh IBAN) and SWIFT codes of some banks, Kazpost among them.
BANKS: Final = (("722", "CASPKZKA", 0.45), ("601", "HSBKKZKX", 0.25), ("965", "IRTYKZKA", 0.06),
                ("998", "TSESKZKA", 0.06), ("856", "KCJBKZKX", 0.06), ("914", "BRKEKZKA", 0.04),
                ("563", "KPSTKZKA", 0.08))  # fmt: skip
_EMPLOYER_WORDS: Final = (
    "АЛТЫН", "АСТАНА", "ДАЛА", "ЖАРЫҚ", "КӨКТЕМ", "НҰР", "САМҰРЫҚ", "ТАУ", "ТҰРАН", "ҰЛЫ",
    "ШЫҒЫС", "ЕРТІС", "БАЙТЕРЕК", "ЖЕТІСУ", "АҚЖОЛ", "БЕРЕКЕ", "ҚАЗЫНА", "СТРОЙ", "ТРАНС",
)  # fmt: skip
_EMPLOYER_KINDS: Final = ("СЕРВИС", "КОМПАНИЯ", "ГРУПП", "ХОЛДИНГ", "ОРТАЛЫҒЫ", "ЛОГИСТИКА", "МАРКЕТ")


def death_probability(age: int) -> float:
    """Share of records of this age that are of a deceased person (ГБД ФЛ keeps them)."""
    return 0.004 + 0.0018 * max(0, age - 45)


class LifeEvents:
    def __init__(self, rng: random.Random, epoch: date, factory: PersonFactory) -> None:
        self.rng = rng
        self.epoch = epoch
        self.factory = factory
        self._employers = self._employer_pool(300)
        self._number = 10_000 + rng.randrange(50_000)

    def apply(self, household: Household) -> None:
        children: dict[str, list[GeneratedPerson]] = defaultdict(list)
        by_iin = {person.iin: person for person in household.persons}
        for act in household.civil_acts:
            if act.kind == "BIRTH" and act.mother_iin and act.person_iin in by_iin:
                children[act.mother_iin].append(by_iin[act.person_iin])
        disabled: dict[str, Disability] = {}
        for person in household.persons:
            disability = self._disability(person)
            if disability:
                household.disabilities.append(disability)
                disabled[person.iin] = disability
            self._work(household, person)
            self._accounts(household, person)
        for person in household.persons:
            self._benefits(household, person, children.get(person.iin, []), disabled)

    # --- registries -------------------------------------------------------------------------------------

    def _disability(self, person: GeneratedPerson) -> Disability | None:
        rng = self.rng
        until = person.death_date or self.epoch
        age = years_between(person.birth_date, until)
        share = 0.012 if age < 18 else 0.03 if age < 60 else 0.09
        if rng.random() >= share:
            return None
        if age < 16:
            group, cause = "CHILD", "SINCE_CHILDHOOD"
        else:
            group = rng.choices(("I", "II", "III"), (0.12, 0.40, 0.48))[0]
            cause = rng.choices([c for c, _ in DISABILITY_CAUSES], [w for _, w in DISABILITY_CAUSES])[0]
        earliest = max(person.birth_date + timedelta(days=60), until - timedelta(days=3 * 365))
        established = earliest + timedelta(days=rng.randrange(max(1, (until - earliest).days)))
        indefinite = group == "I" and (age >= 50 or cause == "SINCE_CHILDHOOD")
        valid_until = None if indefinite else add_years(established, rng.choice((1, 2)))
        if cause == "SINCE_CHILDHOOD" and group in ("I", "II"):
            # Qaqpa's choice: an adult's disability since childhood is not re-examined, so the cases that need one
            # (regulations 10 and 16) stay findable as the population's epoch recedes. Drawn after the term above,
            # so the random stream, and everything else a seed gives, stays the same.
            valid_until = None
        if group == "CHILD":
            valid_until = add_years(person.birth_date, 16)
        loss = rng.randint(30, 90) if cause in ("WORK_INJURY", "OCCUPATIONAL_DISEASE") else None
        return Disability(person.iin, group, cause, cause == "SINCE_CHILDHOOD", established, valid_until,
                          f"МСЭ-{established.year}-{self._next():06d}", loss)  # fmt: skip

    def _work(self, household: Household, person: GeneratedPerson) -> None:
        rng = self.rng
        until = person.death_date or self.epoch
        age = years_between(person.birth_date, until)
        if age < 18:
            return
        retirement = add_years(person.birth_date, RETIREMENT_AGE[person.sex])
        employed = 18 <= age < RETIREMENT_AGE[person.sex] and rng.random() < 0.68
        if employed or (age >= 25 and rng.random() < 0.5):
            employer_bin, employer_name = rng.choice(self._employers)
            latest_start = min(until, retirement) - timedelta(days=30)
            earliest = max(add_years(person.birth_date, 18), latest_start - timedelta(days=15 * 365))
            started = earliest + timedelta(days=rng.randrange(max(1, (latest_start - earliest).days)))
            ended = None if employed and person.death_date is None else min(until, retirement)
            if ended is not None and ended <= started:
                ended = started + timedelta(days=30)
            salary = int(math.exp(rng.gauss(math.log(330_000), 0.55)) // 1000 * 1000)
            household.employments.append(Employment(person.iin, employer_bin, employer_name, salary, started, ended))
        working_age = 18 <= age < RETIREMENT_AGE[person.sex] and person.death_date is None
        if working_age and not employed and rng.random() < 0.12:
            registered = until - timedelta(days=rng.randrange(720))
            left = registered + timedelta(days=rng.randint(30, 300)) if rng.random() < 0.4 else None
            household.unemployment.append(
                Unemployment(
                    person.iin, registered, left if left and left < until else None, f"center:{person.reg_settlement}"
                )  # fmt: skip
            )
        if 20 <= age <= 70 and rng.random() < 0.09:
            registered = until - timedelta(days=rng.randrange(max(1, min(15 * 365, (age - 19) * 365))))
            closed = registered + timedelta(days=rng.randint(180, 2000)) if rng.random() < 0.3 else None
            regime = rng.choices(("SIMPLIFIED_DECLARATION", "PATENT", "GENERAL", "RETAIL_TAX"), (0.7, 0.1, 0.1, 0.1))[0]
            household.entrepreneurs.append(
                Entrepreneur(
                    person.iin,
                    registered,
                    closed if closed and closed < until else None,
                    f"ИП {person.surname} {person.name[0]}.",
                    regime,
                )  # fmt: skip
            )

    def _accounts(self, household: Household, person: GeneratedPerson) -> None:
        rng = self.rng
        until = person.death_date or self.epoch
        if years_between(person.birth_date, until) < 16 or rng.random() >= 0.92:
            return
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            code, _swift, _ = rng.choices(BANKS, [weight for *_, weight in BANKS])[0]
            opened = until - timedelta(
                days=rng.randrange(max(1, min(12 * 365, (until - person.birth_date).days - 5840)))
            )
            household.bank_accounts.append(
                BankAccount(
                    person.iin,
                    iban(code, f"{rng.randrange(10**13):013d}"),
                    code,
                    opened,
                    until if person.death_date else None,
                )  # fmt: skip
            )

    def _benefits(
        self,
        household: Household,
        person: GeneratedPerson,
        children: list[GeneratedPerson],
        disabled: dict[str, Disability],
    ) -> None:
        if person.death_date is not None:
            return
        rng = self.rng
        add = household.benefits.append
        retired_on = add_years(person.birth_date, RETIREMENT_AGE[person.sex])
        if retired_on <= self.epoch:
            add(Benefit(person.iin, "age-pension", retired_on, None, rng.randint(90, 260) * 1000, self._decision()))
            add(Benefit(person.iin, "basic-pension", retired_on, None, rng.randint(32, 60) * 1000, self._decision()))
        own = disabled.get(person.iin)
        if own and own.group in ("I", "II", "III") and (own.valid_until is None or own.valid_until > self.epoch):
            amount = {"I": 118_000, "II": 94_000, "III": 64_000}[own.group]
            add(Benefit(person.iin, "disability-survivor-allowance", own.established_on, own.valid_until, amount,
                        self._decision()))  # fmt: skip
        if person.sex != "F":
            return
        alive = [child for child in children if child.death_date is None]
        for child in alive:
            handicap = disabled.get(child.iin)
            if handicap and handicap.group == "CHILD":
                add(Benefit(person.iin, "disabled-child-carer-benefit", handicap.established_on, handicap.valid_until,
                            67_000, self._decision()))  # fmt: skip
            elif handicap and handicap.group == "I" and handicap.since_childhood:
                add(Benefit(person.iin, "childhood-disability-group1-carer-benefit", handicap.established_on, None,
                            67_000, self._decision()))  # fmt: skip
            if years_between(child.birth_date, self.epoch) < 2:
                ended: date | None = child.birth_date + timedelta(days=548)
                if ended and ended >= self.epoch:
                    ended = None
                amount = rng.randint(20, 90) * 1000
                add(
                    Benefit(
                        person.iin, "childbirth-childcare-benefits", child.birth_date, ended, amount, self._decision()
                    )
                )
        minors = [child for child in alive if years_between(child.birth_date, self.epoch) < 18]
        if len(minors) >= 4:
            since = sorted(child.birth_date for child in minors)[3]
            add(Benefit(person.iin, "state-special-allowance", since, None, 17_000 * len(minors), self._decision()))
        if len(children) >= 6:
            since = sorted(child.birth_date for child in children)[5]
            add(Benefit(person.iin, "large-family-mothers-benefit", since, None,
                        26_000 if len(children) >= 7 else 23_000, self._decision()))  # fmt: skip

    # --- helpers ----------------------------------------------------------------------------------------

    def _next(self) -> int:
        self._number += self.rng.randint(1, 30)
        return self._number

    def _decision(self) -> str:
        return f"{self._next():07d}"

    def _employer_pool(self, count: int) -> list[tuple[str, str]]:
        rng, pool = self.rng, []
        for serial in range(count):
            registered = date(rng.randint(1997, 2020), rng.randint(1, 12), 1)
            bin_ = make_bin(registered, 20_000 + serial * 7) or make_bin(registered, 20_001 + serial * 7)
            if bin_ is None:
                continue
            name = f"ТОО «{rng.choice(_EMPLOYER_WORDS)} {rng.choice(_EMPLOYER_KINDS)}»"
            pool.append((bin_, name))
        return pool


_LETTERS_AS_NUMBERS: Final = str.maketrans({chr(ord("A") + i): str(10 + i) for i in range(26)})


def iban(bank_code: str, account: str) -> str:
    """A Kazakh IBAN (KZ, two check digits, 3-digit bank code, 13 characters), check digits by ISO 7064 MOD 97-10."""
    body = f"{bank_code}{account}"
    check = 98 - int((body + "KZ00").translate(_LETTERS_AS_NUMBERS)) % 97
    return f"KZ{check:02d}{body}"


def iban_is_valid(value: str) -> bool:
    if len(value) != 20 or not value.startswith("KZ") or not value[2:].isalnum():
        return False
    return int((value[4:] + value[:4]).upper().translate(_LETTERS_AS_NUMBERS)) % 97 == 1
