"""What the generator produces: citizens and everything the state systems know about them.

Each record is one row of the population tables (mocks/population/tables.py); the mocks read them back.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from datetime import date

from signing.iin import Sex


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    kind: str
    number: str
    begin_date: date
    end_date: date | None
    issuer: str


@dataclass(slots=True)
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
    phone: str | None = None
    documents: tuple[GeneratedDocument, ...] = ()


@dataclass(frozen=True, slots=True)
class CivilAct:
    """A civil-status act record of the registry (АХАЖ): BIRTH, MARRIAGE, DIVORCE or DEATH."""

    kind: str
    number: str
    event_date: date
    registered_on: date
    office: str
    person_iin: str
    mother_iin: str | None = None
    father_iin: str | None = None
    spouse_iin: str | None = None


@dataclass(frozen=True, slots=True)
class Guardianship:
    """E-Guardianship: GUARDIANSHIP, CUSTODY (қамқоршылық), ADOPTION or FOSTER_FAMILY."""

    kind: str
    ward_iin: str
    guardian_iin: str
    decision_number: str
    decision_date: date
    authority: str
    ended_on: date | None = None


@dataclass(frozen=True, slots=True)
class CourtDecision:
    """The Supreme Court system: ADOPTION, DECLARED_MISSING or DECLARED_DEAD."""

    kind: str
    person_iin: str
    case_number: str
    court: str
    decision_date: date
    effective_date: date
    applicant_iin: str | None = None


@dataclass(frozen=True, slots=True)
class Disability:
    """The disability data bank (МОДБ / ЦБДИ): a determination of disability."""

    iin: str
    group: str
    cause: str
    since_childhood: bool
    established_on: date
    valid_until: date | None
    certificate_number: str
    working_capacity_loss: int | None


@dataclass(frozen=True, slots=True)
class Employment:
    """A job: the source of pension (ENPF) and social (GFSS) contributions."""

    iin: str
    employer_bin: str
    employer_name: str
    monthly_salary: int
    started_on: date
    ended_on: date | None


@dataclass(frozen=True, slots=True)
class Unemployment:
    """ "Еңбек нарығы": a registration as unemployed."""

    iin: str
    registered_on: date
    deregistered_on: date | None
    center: str


@dataclass(frozen=True, slots=True)
class Entrepreneur:
    """The tax system: a registration as an individual entrepreneur (ИП)."""

    iin: str
    registered_on: date
    closed_on: date | None
    trade_name: str
    tax_regime: str


@dataclass(frozen=True, slots=True)
class BankAccount:
    iin: str
    iban: str
    bank_code: str
    opened_on: date
    closed_on: date | None


@dataclass(frozen=True, slots=True)
class Benefit:
    """Е-Макет: a social payment assigned to a citizen (the duplicate check reads these)."""

    iin: str
    kind: str
    assigned_on: date
    ended_on: date | None
    monthly_amount: int
    decision_number: str


@dataclass(slots=True)
class Household:
    """Everything generated for one household, written in one batch."""

    persons: list[GeneratedPerson] = field(default_factory=list)
    civil_acts: list[CivilAct] = field(default_factory=list)
    guardianships: list[Guardianship] = field(default_factory=list)
    court_decisions: list[CourtDecision] = field(default_factory=list)
    disabilities: list[Disability] = field(default_factory=list)
    employments: list[Employment] = field(default_factory=list)
    unemployment: list[Unemployment] = field(default_factory=list)
    entrepreneurs: list[Entrepreneur] = field(default_factory=list)
    bank_accounts: list[BankAccount] = field(default_factory=list)
    benefits: list[Benefit] = field(default_factory=list)


PERSON_FIELDS: tuple[str, ...] = tuple(name for name in GeneratedPerson.__dataclass_fields__ if name != "documents")
DOCUMENT_FIELDS: tuple[str, ...] = tuple(GeneratedDocument.__dataclass_fields__)
person_values = operator.attrgetter(*PERSON_FIELDS)
"""A person's ``persons`` row, as a tuple in PERSON_FIELDS order."""
document_values = operator.attrgetter(*DOCUMENT_FIELDS)
