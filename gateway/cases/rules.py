"""How each regulation decides: the checks the orders name, as code that cites them.

A rule looks at the electronic case file (:class:`Evidence`) and returns :class:`Grant`, :class:`Refuse` (a
ground of the catalogue's ``refusal`` list, found by its lines) or :class:`Missing` (documents the file lacks:
the return-for-documents loop). What every intake checks first, in :func:`decide`: the applicant is in ГБД ФЛ
and alive, holds an identity document valid today, and Е-Макет has no active payment of the same kind (the
duplicate check, e.g. regulation 1, shared/seeds/000_35060450d94081fb.txt:382-389).

The orders leave the amounts to other acts, which are not in the seeds; the amounts here are SIMULATED
(docs/cases.md) so that a result document has one to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from gateway.cases.evidence import Evidence, Person

MALE_PENSION_AGE, FEMALE_PENSION_AGE = 63, 61  # the Social Code's ages, as the population generator uses them


@dataclass(frozen=True, slots=True)
class Grant:
    facts: tuple[tuple[str, str], ...] = ()
    """What the decision rests on, in words, for the case file and the result document."""
    amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Refuse:
    ground: str
    """A stable code (docs/cases.md lists them)."""
    lines: str
    """The catalogue refusal it applies: the lines of the order that give it."""
    because: str
    at_intake: bool = False
    """Refused by the intake's own checks, before the file reaches the provider."""


@dataclass(frozen=True, slots=True)
class Missing:
    documents: tuple[str, ...]
    lines: str
    because: str


Outcome = Grant | Refuse | Missing


@dataclass(frozen=True, slots=True)
class Grounds:
    """Where each regulation gives its common refusal grounds (lines of its ``refusal`` entries)."""

    no_right: str
    unreliable: str
    incomplete: str
    expired: str | None = None
    duplicate: str | None = None
    bank_account: str | None = None
    not_submitted: str | None = None
    """The refusal after the documents loop, where the regulation ends it with one (``then="refuse"``)."""
    information: str | None = None
    """The portal information flow's condition 3: the provider finds nothing to answer with."""


@dataclass(frozen=True, slots=True)
class Rule:
    grounds: Grounds
    decide: Callable[[Evidence, Person], Outcome]
    benefit: str | None = None
    """The Е-Макет kind of this payment: the duplicate check and the information flow's source."""
    applicant_asks: tuple[str, ...] = ()
    """Queries about the applicant beyond those the catalogue names (a choice the entry records)."""
    subject_asks: tuple[str, ...] = ()
    """Queries about the person the service concerns, when not the applicant."""
    needs_subject: bool = False
    base_amount: Decimal | None = field(default=None)


def _granted(*facts: tuple[str, str], amount: Decimal | None = None) -> Grant:
    return Grant(tuple(facts), amount)


def _pension_age(evidence: Evidence, person: Person) -> bool:
    return evidence.age(person) >= (FEMALE_PENSION_AGE if person.sex == "F" else MALE_PENSION_AGE)


def _age_fact(evidence: Evidence, person: Person) -> tuple[str, str]:
    return ("age", f"{evidence.age(person)} full years on {evidence.today.isoformat()}")


# --- Order 407 -----------------------------------------------------------------------------------------------


def age_pension(e: Evidence, a: Person) -> Outcome:
    if not _pension_age(e, a):
        return Refuse("no-right", "417-421", f"{e.age(a)} years old: below the pension age")
    months, total = e.contributions("ENPF_PensionContributions", a.iin)
    # The work record book must be whole; entries the e-records do not cover need archive certificates (L407-409).
    if months == 0 and "work-record-book" not in e.documents and not e.at_hand:
        return Missing(("work-record-book", "archive-certificate"), "407-409", "no pension contributions on record")
    basis = f"{months} monthly contributions on record" if months else "documents at hand (lines 214-228)"
    return _granted(_age_fact(e, a), ("service record", basis), amount=Decimal("95000") + total / 100)


def basic_pension(e: Evidence, a: Person) -> Outcome:
    if not _pension_age(e, a):
        return Refuse("no-right", "1093-1097", f"{e.age(a)} years old: below the pension age")
    return _granted(_age_fact(e, a), amount=Decimal("32360"))


def disability_survivor(e: Evidence, a: Person) -> Outcome:
    disabilities = e.disabilities(a.iin)
    if disabilities:
        group = disabilities[0]
        return _granted(
            ("disability", f"group {group.group}, certificate {group.certificate}"), amount=Decimal("52000")
        )
    if e.subject_iin and (died := e.death_registered(e.subject_iin)):
        return _granted(
            ("loss of the breadwinner", f"{e.subject_iin} died on {died.isoformat()}"), amount=Decimal("48000")
        )
    return Refuse("no-right", "1887-1891", "no disability in force and no deceased breadwinner on record")


def state_special_allowance(e: Evidence, a: Person) -> Outcome:
    minors = [child for child in e.children(a.iin) if (e.today - child.birth_date).days < 18 * 365.25]
    if len(minors) >= 4:
        return _granted(
            ("minor children", f"{len(minors)} in the civil registry"), amount=Decimal("17000") * len(minors)
        )
    return Refuse("no-right", "2604-2606", f"{len(minors)} minor children in the civil registry, fewer than four")


def social_risk(e: Evidence, a: Person) -> Outcome:
    if not e.unemployed(a.iin):
        return Refuse("no-grounds", "3179-3181", "not registered as unemployed in «Еңбек нарығы»")
    if "dismissal-order" not in e.documents:
        return Missing(("dismissal-order",), "3099-3108", "the order ending the employment is not in the file")
    months, _ = e.contributions("GFSS_SocialContributions", a.iin)
    return _granted(
        ("unemployed", "registered in «Еңбек нарығы»"),
        ("social contributions", f"{months} months"),
        amount=Decimal("40000") + Decimal(1500) * months,
    )


def childbirth_childcare(e: Evidence, a: Person) -> Outcome:
    babies = [child for child in e.children(a.iin) if (e.today - child.birth_date).days < 366]
    if babies:
        return _granted(
            ("child", f"{babies[-1].iin}, born {babies[-1].birth_date.isoformat()}"), amount=Decimal("140000")
        )
    return Refuse("no-right", "3960-3962", "no child under one year in the civil registry")


def special_state_allowance(e: Evidence, a: Person) -> Outcome:
    groups = [d for d in e.disabilities(a.iin) if d.group in {"I", "II"}]
    if groups:
        return _granted(
            ("disability", f"group {groups[0].group}, certificate {groups[0].certificate}"), amount=Decimal("23000")
        )
    return Refuse("no-right", "4809-4811", "no group I or II disability in force")


def depositor_statement(e: Evidence, a: Person) -> Outcome:
    months, total = e.contributions("ENPF_PensionContributions", a.iin)
    if months == 0:
        return Refuse("no-data", "5317-5319", "the UAPF holds no contributions for the period asked")
    return _granted(("contributions", f"{months} months, {total} tenge"))


def disability_assessment(e: Evidence, a: Person) -> Outcome:
    if any(d.indefinite for d in e.disabilities(a.iin)):
        return Refuse("no-right", "5523-5525", "a disability without a re-examination date is already determined")
    return _granted(("assessment", "referral examined; determination recorded in the disability data bank"))


def disabled_child_carer(e: Evidence, a: Person) -> Outcome:
    child = e.subject_iin or ""
    disabled = [d for d in e.disabilities(child) if d.group == "CHILD" or d.since_childhood]
    if not disabled:
        return Refuse("no-right", "6236-6238", f"no disability in force for the child {child}")
    if not (e.is_parent_of(a.iin, child) or e.is_guardian_of(a.iin, child)):
        return Refuse("no-right", "6236-6238", "the applicant is neither a parent nor the guardian of the child")
    return _granted(("disabled child", f"{child}, certificate {disabled[0].certificate}"), amount=Decimal("60000"))


def funeral(e: Evidence, a: Person) -> Outcome:
    died = e.death_registered(e.subject_iin or "")
    if died is None:
        return Refuse("no-right", "6975-6977", "no death on record for the person named")
    return _granted(("death", f"{e.subject_iin} died on {died.isoformat()}"), amount=Decimal("59000"))


def bankruptcy_harm(e: Evidence, a: Person) -> Outcome:
    harm = [d for d in e.disabilities(a.iin) if d.cause in {"WORK_INJURY", "OCCUPATIONAL_DISEASE"}]
    if harm and (harm[0].working_capacity_loss or 0) > 0:
        loss = harm[0].working_capacity_loss
        return _granted(("working capacity lost", f"{loss} %"), amount=Decimal(900) * Decimal(loss or 0))
    return Refuse("no-right", "7411-7414", "no loss of working capacity from a work injury or occupational disease")


def qualification_certificate(e: Evidence, a: Person) -> Outcome:
    if "diploma" not in e.documents:
        return Refuse("incomplete", "7723-7725", "the diploma is not in the document set")
    return _granted(("qualification", "diploma and work experience examined by the Commission"))


def inflation_difference(e: Evidence, a: Person) -> Outcome:
    if "age-pension" not in e.benefits(a.iin):
        return Refuse("no-right", "8109-8111", "no age pension on record in Е-Макет")
    return _granted(("pension", "assigned age pension found in Е-Макет"), amount=Decimal("12000"))


def large_family_mother(e: Evidence, a: Person) -> Outcome:
    if a.sex != "F":
        return Refuse("no-right", "8666-8668", "the allowance is a mother's")
    children = e.children(a.iin)
    if len(children) >= 6 or "birth-certificates" in e.documents:
        basis = f"{len(children)} children in the civil registry" + (
            "; paper birth certificates for the others" if len(children) < 6 else ""
        )
        return _granted(("children", basis), amount=Decimal("25000"))
    if e.at_hand:
        return Refuse("no-right", "8666-8668", f"{len(children)} children confirmed, fewer than six")
    # Births before 13 Aug 2007 are not in the electronic registry (L394-396): their certificates are needed.
    return Missing(("birth-certificates",), "8686-8696", f"{len(children)} children in the civil registry")


def childhood_group1_carer(e: Evidence, a: Person) -> Outcome:
    ward = e.subject_iin or ""
    groups = [d for d in e.disabilities(ward) if d.group == "I" and d.since_childhood]
    if not groups:
        return Refuse("no-right", "9185-9187", f"no group I disability since childhood for {ward}")
    return _granted(("disabled person", f"{ward}, certificate {groups[0].certificate}"), amount=Decimal("60000"))


def savings_payout(e: Evidence, a: Person) -> Outcome:
    months, total = e.contributions("ENPF_PensionContributions", a.iin)
    disabled = any(d.group in {"I", "II"} and d.indefinite for d in e.disabilities(a.iin))
    if months == 0 or not (_pension_age(e, a) or disabled):
        return Refuse("no-right", "9781-9788", "no savings, or neither the pension age nor an indefinite disability")
    return _granted(("savings", f"{months} contributions, {total} tenge"), amount=total)


def contributions_statement(e: Evidence, a: Person) -> Outcome:
    months, total = e.contributions("GFSS_SocialContributions", a.iin)
    return _granted(("social contributions", f"{months} months, {total} tenge"))


# --- Order 225 -----------------------------------------------------------------------------------------------


def special_state_benefit(e: Evidence, a: Person) -> Outcome:
    # The titles of article 4, subparagraphs 4-2) and 4-3) (L88-90) are in no simulated system: the certificate is.
    if "title-certificate" in e.documents or "proactive-title" in e.documents:
        return _granted(("title", "«Халық қаһарманы» / «Қазақстанның Еңбек Ері» confirmed"), amount=Decimal("80000"))
    if not e.at_hand:
        return Missing(("title-certificate",), "212-231", "the title is not confirmed by any document")
    return Refuse("no-right", "1216-1222", "the title is not confirmed")


_PENSION = Grounds(
    no_right="417-421",
    unreliable="238-245",
    incomplete="417-421",
    expired="417-421",
    duplicate="382-389",
    information="535-536",
)

RULES: dict[str, Rule] = {
    "age-pension": Rule(_PENSION, age_pension, "age-pension", applicant_asks=("ENPF_PensionContributions",)),
    "basic-state-pension": Rule(
        Grounds("1093-1097", "918-925", "1093-1097", "1093-1097", "1058-1062", "1272-1274", information="1210-1211"),
        basic_pension,
        "basic-pension",
    ),
    "disability-survivor-allowance": Rule(
        Grounds("1887-1891", "1714-1720", "1887-1891", "1887-1891", "1845-1849", information="2000-2001"),
        disability_survivor,
        "disability-survivor-allowance",
        subject_asks=("GBDFL_UniversalServiceSync", "ZAGS_DeathActs"),
    ),
    "state-special-allowances": Rule(
        Grounds("2604-2606", "2432-2438", "2604-2606", None, "2573-2576", information="2712-2713"),
        state_special_allowance,
        "state-special-allowance",
    ),
    "social-risk-payments": Rule(
        Grounds("3291-3295", "3129-3135", "3291-3295", "3291-3295", None, "3415-3417", not_submitted="3099-3108"),
        social_risk,
    ),
    "childbirth-childcare-allowance": Rule(
        Grounds("3960-3962", "3868-3870", "3960-3962", None, None, "4156-4158", information="4085-4086"),
        childbirth_childcare,
        "childbirth-childcare-benefits",
    ),
    "special-state-allowance": Rule(
        Grounds("4809-4811", "4820-4822", "4809-4811", None, "4781-4785", information="4918-4919"),
        special_state_allowance,
        "special-state-benefit",
    ),
    "uapf-depositor-statement": Rule(Grounds("5317-5319", "5306-5308", "5306-5308"), depositor_statement),
    "disability-assessment": Rule(
        Grounds("5523-5525", "5523-5525", "5523-5525", information="5669-5670"),
        disability_assessment,
        applicant_asks=("GBDFL_UniversalServiceSync",),
    ),
    "disabled-child-carer-allowance": Rule(
        Grounds("6236-6238", "6141-6143", "6236-6238", None, None, "6437-6439", information="6361-6362"),
        disabled_child_carer,
        "disabled-child-carer-benefit",
        needs_subject=True,
        subject_asks=("CBDI_DisabilityByIin", "ZAGS_BirthActs", "EOPEKA_GuardianshipByIin"),
    ),
    "funeral-payment": Rule(
        Grounds("6975-6977", "6820-6822", "6970-6977", "6970-6977"),
        funeral,
        needs_subject=True,
        subject_asks=("GBDFL_UniversalServiceSync", "ZAGS_DeathActs"),
    ),
    "bankruptcy-harm-compensation": Rule(Grounds("7411-7414", "7254-7259", "7411-7414"), bankruptcy_harm),
    "foreigner-qualification-certificate": Rule(
        Grounds("7742-7752", "7701-7703", "7723-7725", "7723-7725"),
        qualification_certificate,
        applicant_asks=("GBDFL_UniversalServiceSync",),
    ),
    "pension-inflation-difference": Rule(
        Grounds("8109-8111", "7948-7949", "8104-8111", "8104-8109", not_submitted="7969-7972"),
        inflation_difference,
    ),
    "large-family-mother-allowance": Rule(
        Grounds("8666-8668", "8666-8668", "8666-8668", None, "8639-8643"),
        large_family_mother,
        "large-family-mothers-benefit",
    ),
    "group1-childhood-disability-carer-allowance": Rule(
        Grounds("9185-9187", "9353-9357", "9185-9187", None, "9150-9153", "9376-9378", information="9313-9314"),
        childhood_group1_carer,
        "childhood-disability-group1-carer-benefit",
        needs_subject=True,
        subject_asks=("CBDI_DisabilityByIin",),
    ),
    "uapf-savings-payout": Rule(Grounds("9781-9788", "9896-9899", "9866-9868", "9866-9868"), savings_payout),
    "social-contributions-statement": Rule(
        Grounds("10319-10323", "10319-10323", "10319-10323", "10319-10323"),
        contributions_statement,
        applicant_asks=("GBDFL_UniversalServiceSync",),
    ),
    "special-state-benefit": Rule(
        Grounds("1216-1222", "1203-1208", "1209-1215", "1209-1215", "1223-1229", "1216-1222"),
        special_state_benefit,
        "special-state-benefit",
    ),
}


def decide(rule: Rule, evidence: Evidence, bank_account_given: bool, *, refuse_unanswered: bool = False) -> Outcome:
    """The common intake checks, then the regulation's own; ``refuse_unanswered``: a system that did not answer
    refuses the intake instead of the paper being scanned (settings ``case_unanswered_system``)."""
    grounds = rule.grounds
    applicant = evidence.applicant
    if applicant is None:
        return Refuse("data-not-confirmed", grounds.unreliable, "the applicant is not found in ГБД ФЛ", at_intake=True)
    if refuse_unanswered and evidence.unanswered:
        silent = ", ".join(f"{answer.ask.service_id} ({answer.code})" for answer in evidence.unanswered)
        return Refuse("data-not-confirmed", grounds.unreliable, f"no answer from {silent}", at_intake=True)
    if applicant.death_date is not None:
        return Refuse(
            "data-not-confirmed", grounds.unreliable, "ГБД ФЛ records the applicant as deceased", at_intake=True
        )
    if not applicant.valid_document:
        ground = grounds.expired or grounds.incomplete
        return Refuse(
            "expired-documents", ground, "the applicant holds no identity document valid today", at_intake=True
        )
    if rule.needs_subject and not evidence.subject_iin:
        return Refuse(
            "incomplete",
            grounds.incomplete,
            "the person the service concerns (subjectIin) is not named",
            at_intake=True,
        )
    if (
        rule.benefit is not None
        and grounds.duplicate is not None
        and rule.benefit in evidence.active_benefits(applicant.iin)
    ):
        return Refuse(
            "already-assigned", grounds.duplicate, "Е-Макет shows this payment already assigned", at_intake=True
        )
    if bank_account_given and evidence.bank_account() is False:
        return Refuse(
            "bank-account-not-confirmed",
            grounds.bank_account or grounds.unreliable,
            "ЭҮТШ does not confirm the bank account as the applicant's and open",
            at_intake=True,
        )
    return rule.decide(evidence, applicant)
