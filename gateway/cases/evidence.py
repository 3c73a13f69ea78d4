"""What the data queries found, read into facts the rules decide on: the electronic case file's content."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lxml import etree

from gateway.cases.queries import Answer, first


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True, slots=True)
class Person:
    iin: str
    surname: str
    name: str
    patronymic: str | None
    birth_date: date
    sex: str
    """``M`` or ``F``."""
    death_date: date | None
    valid_document: bool
    """An identity document valid today (ГБД ФЛ's document status 00)."""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.name, self.patronymic) if part)


@dataclass(frozen=True, slots=True)
class Disability:
    group: str
    """I, II, III or CHILD."""
    cause: str
    since_childhood: bool
    established_on: date | None
    valid_until: date | None
    indefinite: bool
    certificate: str
    working_capacity_loss: int | None


@dataclass(frozen=True, slots=True)
class Child:
    iin: str
    birth_date: date


class Evidence:
    """The answers of one case's data queries, and what the applicant handed in."""

    def __init__(
        self,
        answers: Sequence[Answer],
        applicant_iin: str,
        subject_iin: str | None,
        documents: frozenset[str],
        today: date,
        *,
        at_hand: bool = False,
    ) -> None:
        self.answers = answers
        self.applicant_iin = applicant_iin
        self.subject_iin = subject_iin
        self.documents = documents
        self.today = today
        self.at_hand = at_hand
        """The documents loop ran out: decide on what is here, missing documents no longer awaited."""

    def _items(self, service_id: str, iin: str, tag: str) -> list[etree._Element]:
        answer = first(self.answers, service_id, iin)
        return answer.items(tag) if answer is not None else []

    def person(self, iin: str) -> Person | None:
        for person in self._items("GBDFL_UniversalServiceSync", iin, "person"):
            if person.findtext("iin") != iin:
                continue
            statuses = [document.findtext("status/code") for document in person.iter("document")]
            born = _day(person.findtext("birthDate"))
            if born is None:
                return None
            return Person(
                iin=iin,
                surname=person.findtext("surname") or "",
                name=person.findtext("name") or "",
                patronymic=person.findtext("patronymic"),
                birth_date=born,
                sex="F" if person.findtext("gender/code") == "2" else "M",
                death_date=_day(person.findtext("deathDate")),
                valid_document="00" in statuses,
            )
        return None

    @property
    def applicant(self) -> Person | None:
        return self.person(self.applicant_iin)

    def age(self, person: Person) -> int:
        return _years(person.birth_date, self.today)

    def disabilities(self, iin: str) -> list[Disability]:
        """The disability determinations in force today."""
        found = []
        for element in self._items("CBDI_DisabilityByIin", iin, "disability"):
            until = _day(element.findtext("validUntil"))
            indefinite = element.findtext("indefinite") == "true"
            if not indefinite and until is not None and until < self.today:
                continue
            loss = element.findtext("workingCapacityLoss")
            found.append(
                Disability(
                    group=element.findtext("group/code") or "",
                    cause=element.findtext("cause/code") or "",
                    since_childhood=element.findtext("sinceChildhood") == "true",
                    established_on=_day(element.findtext("establishedOn")),
                    valid_until=until,
                    indefinite=indefinite,
                    certificate=element.findtext("certificateNumber") or "",
                    working_capacity_loss=int(loss) if loss else None,
                )
            )
        return found

    def children(self, iin: str) -> list[Child]:
        """Children whose birth act in the electronic registry names ``iin`` as mother or father."""
        found = {}
        for act in self._items("ZAGS_BirthActs", iin, "act"):
            if iin not in (act.findtext("mother/iin"), act.findtext("father/iin")):
                continue
            child_iin, born = act.findtext("person/iin"), _day(act.findtext("person/birthDate"))
            if child_iin and born:
                found[child_iin] = Child(child_iin, born)
        return sorted(found.values(), key=lambda child: child.birth_date)

    def is_parent_of(self, parent_iin: str, child_iin: str) -> bool:
        for act in self._items("ZAGS_BirthActs", child_iin, "act"):
            if act.findtext("person/iin") == child_iin and parent_iin in (
                act.findtext("mother/iin"),
                act.findtext("father/iin"),
            ):
                return True
        return False

    def is_guardian_of(self, guardian_iin: str, ward_iin: str) -> bool:
        for service_id in ("EOPEKA_GuardianshipByIin", "EUOSH_GuardianshipByIin"):
            for element in self._items(service_id, ward_iin, "guardianship"):
                if element.findtext("guardian/iin") == guardian_iin and not element.findtext("endedOn"):
                    return True
        return False

    def death_registered(self, iin: str) -> date | None:
        """The date of death, from the civil registry's death act or ГБД ФЛ."""
        for act in self._items("ZAGS_DeathActs", iin, "act"):
            if act.findtext("person/iin") == iin:
                return _day(act.findtext("eventDate"))
        person = self.person(iin)
        return person.death_date if person is not None else None

    def active_benefits(self, iin: str) -> dict[str, etree._Element]:
        """Е-Макет's active benefits of ``iin`` by kind."""
        return {
            element.findtext("kind/code") or "": element
            for element in self._items("EMAKET_AssignedBenefits", iin, "benefit")
            if element.findtext("active") == "true"
        }

    def benefits(self, iin: str) -> dict[str, etree._Element]:
        """Every benefit Е-Макет holds for ``iin``, the latest of each kind."""
        return {
            element.findtext("kind/code") or "": element
            for element in self._items("EMAKET_AssignedBenefits", iin, "benefit")
        }

    def unemployed(self, iin: str) -> bool:
        answer = first(self.answers, "ENBEK_UnemployedStatus", iin)
        return (
            answer is not None and answer.root is not None and answer.root.findtext("registeredAsUnemployed") == "true"
        )

    def contributions(self, service_id: str, iin: str) -> tuple[int, Decimal]:
        """How many monthly contributions ENPF or ГФСС hold for the period asked, and their total."""
        items = self._items(service_id, iin, "contribution")
        return len(items), sum((Decimal(item.findtext("amount") or "0") for item in items), Decimal(0))

    @property
    def unanswered(self) -> list[Answer]:
        """The queries a system did not answer (a gateway fault, not "no data")."""
        return [answer for answer in self.answers if not answer.answered]

    def bank_account(self) -> bool | None:
        """Whether ЭҮТШ confirmed the bank account given; None when none was given or checked."""
        answer = first(self.answers, "EPAY_BankAccountCheck", self.applicant_iin)
        if answer is None:
            return None
        return answer.root is not None and answer.root.findtext("account/confirmed") == "true"
