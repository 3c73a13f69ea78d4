"""The regulations' rules: each cites a refusal its regulation gives, and decides as the orders say."""

from __future__ import annotations

import inspect
import re
from dataclasses import asdict
from datetime import date

import pytest
from lxml import etree

from contracts.regulations import Regulation, load_catalogue
from gateway.cases.evidence import Evidence
from gateway.cases.queries import Answer, Ask
from gateway.cases.rules import RULES, Grant, Missing, Refuse, decide

TODAY = date(2026, 12, 5)
APPLICANT = "630802326986"
BY_SLUG = {regulation.slug: regulation for regulation in load_catalogue()}


def _refusal_lines(regulation: Regulation) -> set[str]:
    return {refusal.lines.cite() for refusal in regulation.refusals}


def _cited_lines(regulation: Regulation) -> set[str]:
    """Every statement of the entry a rule may cite for documents it asks for."""
    cited = _refusal_lines(regulation)
    for flow in regulation.flows:
        cited |= {step.lines.cite() for step in flow.steps} | {query.lines.cite() for query in flow.queries}
        cited |= {check.lines.cite() for check in flow.checks}
    if regulation.documents_loop is not None:
        cited.add(regulation.documents_loop.lines.cite())
    return cited


def test_every_regulation_has_a_rule() -> None:
    assert set(RULES) == set(BY_SLUG)


@pytest.mark.parametrize("slug", sorted(RULES))
def test_every_ground_a_rule_gives_is_a_refusal_of_its_regulation(slug: str) -> None:
    rule, regulation = RULES[slug], BY_SLUG[slug]
    grounds = {name: lines for name, lines in asdict(rule.grounds).items() if lines}
    assert set(grounds.values()) <= _refusal_lines(regulation), grounds
    source = inspect.getsource(rule.decide)
    refused = set(re.findall(r'Refuse\("[a-z-]+", "([\d-]+)"', source))
    assert refused <= _refusal_lines(regulation), f"{slug} cites {refused - _refusal_lines(regulation)}"
    missing = set(re.findall(r'Missing\(\([^)]*\), "([\d-]+)"', source))
    assert missing <= _cited_lines(regulation), f"{slug} asks for documents citing {missing}"


# --- deciding on a case file --------------------------------------------------------------------------------


def _answer(service_id: str, iin: str, xml: str) -> Answer:
    return Answer(Ask(service_id, iin), "00000", "", etree.fromstring(f"<Response>{xml}</Response>"), "s")


def _person(iin: str, born: str, sex: str, document: str = "00", died: str | None = None) -> Answer:
    death = f"<deathDate>{died}</deathDate>" if died else ""
    return _answer(
        "GBDFL_UniversalServiceSync",
        iin,
        f"<persons><person><iin>{iin}</iin><surname>АБАЕВ</surname><name>ЕРЛАН</name><birthDate>{born}</birthDate>"
        f"{death}<gender><code>{'2' if sex == 'F' else '1'}</code></gender><documents><document>"
        f"<status><code>{document}</code></status></document></documents></person></persons>",
    )


def _contributions(months: int) -> Answer:
    items = "".join("<contribution><amount>10000</amount></contribution>" for _ in range(months))
    return _answer("ENPF_PensionContributions", APPLICANT, f"<contributions>{items}</contributions>")


def _evidence(*answers: Answer, documents: frozenset[str] = frozenset(), at_hand: bool = False) -> Evidence:
    return Evidence(list(answers), APPLICANT, None, documents, TODAY, at_hand=at_hand)


def test_age_pension_needs_the_pension_age() -> None:
    outcome = decide(RULES["age-pension"], _evidence(_person(APPLICANT, "1964-01-01", "M"), _contributions(5)), False)
    assert isinstance(outcome, Refuse) and (outcome.ground, outcome.lines) == ("no-right", "417-421")
    granted = decide(RULES["age-pension"], _evidence(_person(APPLICANT, "1963-08-02", "M"), _contributions(5)), False)
    assert isinstance(granted, Grant) and granted.amount is not None


def test_age_pension_without_contributions_returns_the_file_then_decides_at_hand() -> None:
    person = _person(APPLICANT, "1960-01-01", "F")
    outcome = decide(RULES["age-pension"], _evidence(person), False)
    assert isinstance(outcome, Missing) and "work-record-book" in outcome.documents
    assert isinstance(decide(RULES["age-pension"], _evidence(person, at_hand=True), False), Grant)
    brought = _evidence(person, documents=frozenset({"work-record-book"}))
    assert isinstance(decide(RULES["age-pension"], brought, False), Grant)


def test_the_duplicate_check_refuses_at_intake() -> None:
    benefit = _answer(
        "EMAKET_AssignedBenefits",
        APPLICANT,
        "<benefits><benefit><kind><code>age-pension</code></kind><active>true</active></benefit></benefits>",
    )
    outcome = decide(RULES["age-pension"], _evidence(_person(APPLICANT, "1950-01-01", "M"), benefit), False)
    assert isinstance(outcome, Refuse) and outcome.ground == "already-assigned" and outcome.at_intake
    assert outcome.lines == "382-389"


@pytest.mark.parametrize(
    ("person", "ground"),
    [
        (None, "data-not-confirmed"),
        (_person(APPLICANT, "1950-01-01", "M", died="2026-01-01"), "data-not-confirmed"),
        (_person(APPLICANT, "1950-01-01", "M", document="01"), "expired-documents"),
    ],
)
def test_the_common_intake_checks(person: Answer | None, ground: str) -> None:
    outcome = decide(RULES["basic-state-pension"], _evidence(*([person] if person else [])), False)
    assert isinstance(outcome, Refuse) and outcome.ground == ground and outcome.at_intake


def test_an_unconfirmed_bank_account_is_refused_with_the_regulation_s_ground() -> None:
    account = _answer("EPAY_BankAccountCheck", APPLICANT, "<account><confirmed>false</confirmed></account>")
    evidence = _evidence(_person(APPLICANT, "1950-01-01", "M"), account)
    outcome = decide(RULES["basic-state-pension"], evidence, True)
    assert isinstance(outcome, Refuse) and (outcome.ground, outcome.lines) == (
        "bank-account-not-confirmed",
        "1272-1274",
    )


def test_a_large_family_needs_six_children_and_takes_paper_certificates_for_older_births() -> None:
    acts = "".join(
        f"<act><person><iin>0{n}0101500000</iin><birthDate>201{n}-01-01</birthDate></person>"
        f"<mother><iin>{APPLICANT}</iin></mother></act>"
        for n in range(4)
    )
    evidence = _evidence(
        _person(APPLICANT, "1980-01-01", "F"), _answer("ZAGS_BirthActs", APPLICANT, f"<acts>{acts}</acts>")
    )
    outcome = decide(RULES["large-family-mother-allowance"], evidence, False)
    assert isinstance(outcome, Missing) and outcome.documents == ("birth-certificates",)
    evidence.at_hand = True
    refused = decide(RULES["large-family-mother-allowance"], evidence, False)
    assert isinstance(refused, Refuse) and refused.ground == "no-right" and "4 children" in refused.because
