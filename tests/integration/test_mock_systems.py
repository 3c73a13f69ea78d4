"""Every mock system through the gateway: one generated citizen is the same person everywhere.

Each answer is checked against two independent sources: the Individuals DB answer for the same IIN (names,
dates, life status), and the population database read directly. "No data" is asked where the orders say the
electronic registry has none.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from lxml import etree
from sqlalchemy import select

from mocks.population.features import BIRTHS_FROM, DEATHS_FROM, MARRIAGES_FROM
from mocks.population.tables import bank_accounts, civil_acts, disabilities, employments, guardianships, persons
from tests.support.gateway import LiveGateway
from tests.support.shep import (
    gbdfl_request,
    inline_data,
    response_payload,
    response_wrapper,
    send_message,
    simulated_data,
)

OK, NO_DATA, INVALID_IIN = "00000", "10001", "20001"

SIMULATED_SERVICES = {
    "ZAGS_BirthActs": ("zags", "ZAGS"),
    "ZAGS_MarriageActs": ("zags", "ZAGS"),
    "ZAGS_DeathActs": ("zags", "ZAGS"),
    "EOPEKA_GuardianshipByIin": ("eopeka", "EOPEKA"),
    "EUOSH_GuardianshipByIin": ("eopeka", "EUOSH"),
    "CBDI_DisabilityByIin": ("cbdi", "CBDI"),
    "SUD_CourtDecisionsByIin": ("sud", "SUD"),
    "ISNA_EntrepreneurStatus": ("isna", "ISNA"),
    "ENBEK_UnemployedStatus": ("enbek", "ENBEK"),
    "ENPF_PensionContributions": ("enpf", "ENPF"),
    "GFSS_SocialContributions": ("gfss", "GFSS"),
    "EMAKET_AssignedBenefits": ("emaket", "EMAKET"),
    "EPAY_BankAccountCheck": ("epay", "EPAY"),
    "SMS_Send": ("sms", "SMS"),
}
"""Every simulated serviceId, the contract it speaks and the system that answers it."""

_EXTRA_FIELDS = {"EPAY_BankAccountCheck": {"iban": "KZ000000000000000000"}, "SMS_Send": {"text": "Qaqpa"}}


def ask(gateway: LiveGateway, service_id: str, iin: str, **fields: str) -> etree._Element:
    """The payload a simulated system answers for ``iin``, checked to come from that system."""
    contract, system = SIMULATED_SERVICES[service_id]
    response = gateway.post(send_message(simulated_data(contract, iin, **fields), service_id=service_id))
    assert response.status_code == 200, response.text
    assert response_wrapper(response.content).findtext("response/responseInfo/status/code") == "SCSS001"
    data = response_wrapper(response.content).find("response/responseData/data")
    assert data is not None
    assert data.findtext("sender/code") == system
    assert data.findtext("requestId")
    return data


def individual(gateway: LiveGateway, iin: str) -> etree._Element:
    """The Individuals DB's person for ``iin``."""
    response = gateway.post(send_message(inline_data(gbdfl_request(iin))))
    person = response_payload(response.content).find("persons/person")
    assert person is not None, response.text
    return person


def assert_same_person(reference: etree._Element | None, person: etree._Element) -> None:
    """``reference`` (a PersonRef in some system's answer) names the Individuals DB's ``person``."""
    assert reference is not None
    for field in ("iin", "surname", "name", "patronymic", "birthDate"):
        assert reference.findtext(field) == person.findtext(field), field


def own_acts(data: etree._Element, iin: str, kind: str) -> list[etree._Element]:
    return [
        act
        for act in data.iterfind("acts/act")
        if act.findtext("person/iin") == iin and act.findtext("kind/code") == kind
    ]


# --- the catalogue ---------------------------------------------------------------------------------------


def test_every_simulated_service_is_listed_with_its_system(gateway: LiveGateway) -> None:
    listed = {entry["serviceId"]: entry for entry in gateway.http.get("/api/v1/services").json()["services"]}
    for service_id, (_, system) in SIMULATED_SERVICES.items():
        assert listed[service_id]["system"] == system, service_id
        assert listed[service_id]["description"]


@pytest.mark.parametrize("service_id", sorted(SIMULATED_SERVICES))
def test_an_impossible_iin_is_refused_with_the_systems_own_code(gateway: LiveGateway, service_id: str) -> None:
    data = ask(gateway, service_id, "123456789012", **_EXTRA_FIELDS.get(service_id, {}))
    assert data.findtext("messageResult/code") == INVALID_IIN
    assert data.findtext("messageResult/nameRu") and data.findtext("messageResult/nameKz")


# --- АХАЖ: the civil registry and its cut-offs -----------------------------------------------------------


def test_a_birth_act_names_the_child_and_parents_as_the_individuals_db_knows_them(gateway: LiveGateway) -> None:
    for iin in gateway.sample("electronic-birth-record", 3):
        data = ask(gateway, "ZAGS_BirthActs", iin)
        assert data.findtext("messageResult/code") == OK
        [act] = own_acts(data, iin, "BIRTH")
        child = individual(gateway, iin)
        assert_same_person(act.find("person"), child)
        assert act.findtext("eventDate") == child.findtext("birthDate")
        assert date.fromisoformat(act.findtext("registeredOn") or "") > BIRTHS_FROM
        mother_iin = act.findtext("mother/iin")
        assert mother_iin, "every registered birth names the mother"
        assert_same_person(act.find("mother"), individual(gateway, mother_iin))
        # The mother's own query finds the same act, from the parent's side.
        numbers = [a.findtext("number") for a in ask(gateway, "ZAGS_BirthActs", mother_iin).iterfind("acts/act")]
        assert act.findtext("number") in numbers


def test_births_registered_before_13_august_2007_are_no_data(gateway: LiveGateway) -> None:
    """Regulation 1 (shared/seeds/000_35060450d94081fb.txt L394-400): older births come on paper."""
    old = gateway.rows(
        select(civil_acts.c.person_iin)
        .where(civil_acts.c.kind == "BIRTH", civil_acts.c.registered_on <= BIRTHS_FROM)
        .limit(3)
    )
    assert old, "the population holds births registered before the electronic registry"
    for row in old:
        data = ask(gateway, "ZAGS_BirthActs", row["person_iin"])
        assert not own_acts(data, row["person_iin"], "BIRTH")
        assert data.findtext("messageResult/code") in (OK, NO_DATA)
        if not data.findall("acts/act"):
            assert data.findtext("messageResult/code") == NO_DATA


def test_a_marriage_act_names_both_spouses_and_each_finds_it(gateway: LiveGateway) -> None:
    for iin in gateway.sample("married-in-registry", 2):
        data = ask(gateway, "ZAGS_MarriageActs", iin)
        marriages = [a for a in data.iterfind("acts/act") if a.findtext("kind/code") == "MARRIAGE"]
        assert marriages
        act = marriages[-1]
        assert date.fromisoformat(act.findtext("registeredOn") or "") > MARRIAGES_FROM
        sides = {act.findtext("person/iin"), act.findtext("spouse/iin")}
        assert iin in sides
        [spouse_iin] = sides - {iin}
        assert spouse_iin
        assert_same_person(
            act.find("spouse" if act.findtext("person/iin") == iin else "person"), individual(gateway, spouse_iin)
        )
        numbers = [a.findtext("number") for a in ask(gateway, "ZAGS_MarriageActs", spouse_iin).iterfind("acts/act")]
        assert act.findtext("number") in numbers


def test_marriages_registered_before_1_june_2008_are_no_data(gateway: LiveGateway) -> None:
    old = gateway.rows(
        select(civil_acts.c.person_iin, civil_acts.c.number)
        .where(civil_acts.c.kind == "MARRIAGE", civil_acts.c.registered_on <= MARRIAGES_FROM)
        .limit(3)
    )
    assert old, "the population holds marriages registered before the electronic registry"
    for row in old:
        data = ask(gateway, "ZAGS_MarriageActs", row["person_iin"])
        assert row["number"] not in [a.findtext("number") for a in data.iterfind("acts/act")]


def test_a_death_act_agrees_with_the_individuals_db(gateway: LiveGateway) -> None:
    for iin in gateway.sample("deceased-in-registry", 2):
        data = ask(gateway, "ZAGS_DeathActs", iin)
        [act] = own_acts(data, iin, "DEATH")
        person = individual(gateway, iin)
        assert person.findtext("lifeStatus/code") != ""
        assert act.findtext("eventDate") == person.findtext("deathDate")
        assert_same_person(act.find("person"), person)


def test_deaths_registered_before_1_may_2008_are_no_data(gateway: LiveGateway) -> None:
    for iin in gateway.sample("deceased-before-registry", 2):
        assert individual(gateway, iin).findtext("deathDate") is not None
        data = ask(gateway, "ZAGS_DeathActs", iin)
        assert data.findtext("messageResult/code") == NO_DATA
        assert date.fromisoformat(individual(gateway, iin).findtext("deathDate") or "") <= DEATHS_FROM


# --- guardianship, court, disability ---------------------------------------------------------------------


def test_a_ward_and_the_guardian_are_the_same_people_in_e_guardianship_and_the_regional_gateway(
    gateway: LiveGateway,
) -> None:
    [iin] = gateway.sample("under-guardianship")
    national = ask(gateway, "EOPEKA_GuardianshipByIin", iin)
    regional = ask(gateway, "EUOSH_GuardianshipByIin", iin)
    assert national.findtext("messageResult/code") == OK
    records = national.findall("guardianships/guardianship")
    assert [r.findtext("decisionNumber") for r in records] == [
        r.findtext("decisionNumber") for r in regional.iterfind("guardianships/guardianship")
    ]
    stored = gateway.rows(select(guardianships).where(guardianships.c.ward_iin == iin))
    assert {r.findtext("decisionNumber") for r in records} >= {row["decision_number"] for row in stored}
    record = next(r for r in records if r.findtext("ward/iin") == iin)
    assert_same_person(record.find("ward"), individual(gateway, iin))
    guardian_iin = record.findtext("guardian/iin") or ""
    assert_same_person(record.find("guardian"), individual(gateway, guardian_iin))
    # The guardian's own query finds the ward.
    wards = [
        r.findtext("ward/iin")
        for r in ask(gateway, "EOPEKA_GuardianshipByIin", guardian_iin).iterfind(".//guardianship")
    ]
    assert iin in wards


def test_an_adoption_is_a_court_decision_and_a_guardianship_record_naming_the_same_parent(
    gateway: LiveGateway,
) -> None:
    [iin] = gateway.sample("adopted")
    decisions = ask(gateway, "SUD_CourtDecisionsByIin", iin)
    [decision] = [d for d in decisions.iterfind("decisions/decision") if d.findtext("kind/code") == "ADOPTION"]
    assert_same_person(decision.find("person"), individual(gateway, iin))
    applicant = decision.findtext("applicant/iin") or ""
    assert_same_person(decision.find("applicant"), individual(gateway, applicant))
    adoptions = [
        g
        for g in ask(gateway, "EOPEKA_GuardianshipByIin", iin).iterfind("guardianships/guardianship")
        if g.findtext("kind/code") == "ADOPTION"
    ]
    assert applicant in {g.findtext("guardian/iin") for g in adoptions}


def test_a_person_declared_missing_has_the_court_decision(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("declared-missing")
    kinds = [d.findtext("kind/code") for d in ask(gateway, "SUD_CourtDecisionsByIin", iin).iterfind(".//decision")]
    assert "DECLARED_MISSING" in kinds


def test_disability_determinations_match_the_data_bank(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("disabled-group-1")
    data = ask(gateway, "CBDI_DisabilityByIin", iin)
    stored = gateway.rows(select(disabilities).where(disabilities.c.iin == iin))
    answered = {(d.findtext("certificateNumber"), d.findtext("group/code")) for d in data.iterfind(".//disability")}
    assert answered == {(row["certificate_number"], row["group"]) for row in stored}
    assert "I" in {group for _, group in answered}
    [childhood] = gateway.sample("disabled-since-childhood")
    flags = [
        d.findtext("sinceChildhood") for d in ask(gateway, "CBDI_DisabilityByIin", childhood).iterfind(".//disability")
    ]
    assert "true" in flags


def test_a_person_never_assessed_is_no_data_in_the_disability_bank(gateway: LiveGateway) -> None:
    [row] = gateway.rows(
        select(persons.c.iin).where(persons.c.iin.not_in(select(disabilities.c.iin))).order_by(persons.c.iin).limit(1)
    )
    assert ask(gateway, "CBDI_DisabilityByIin", row["iin"]).findtext("messageResult/code") == NO_DATA


# --- work and contributions ------------------------------------------------------------------------------


def test_sole_traders_and_the_unemployed_are_registered_and_others_are_not(gateway: LiveGateway) -> None:
    [trader] = gateway.sample("sole-trader")
    assert ask(gateway, "ISNA_EntrepreneurStatus", trader).findtext("registeredAsEntrepreneur") == "true"
    [unemployed] = gateway.sample("unemployed")
    assert ask(gateway, "ENBEK_UnemployedStatus", unemployed).findtext("registeredAsUnemployed") == "true"
    [child] = gateway.sample("electronic-birth-record")
    assert ask(gateway, "ISNA_EntrepreneurStatus", child).findtext("registeredAsEntrepreneur") == "false"
    assert ask(gateway, "ENBEK_UnemployedStatus", child).findtext("registeredAsUnemployed") == "false"


def test_pension_and_social_contributions_follow_the_same_job(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("employed")
    period = {"periodFrom": "2025-01-01", "periodTo": "2025-12-31"}
    pension = ask(gateway, "ENPF_PensionContributions", iin, **period)
    social = ask(gateway, "GFSS_SocialContributions", iin, **period)
    jobs = gateway.rows(select(employments).where(employments.c.iin == iin))
    months_of = {
        (c.findtext("period"), c.findtext("agentBin")): Decimal(c.findtext("amount") or "")
        for c in pension.iterfind("contributions/contribution")
    }
    assert months_of, "an employed person has contributions"
    assert set(months_of) == {
        (c.findtext("period"), c.findtext("agentBin")) for c in social.iterfind(".//contribution")
    }
    for (_, agent), amount in months_of.items():
        salary = next(job["monthly_salary"] for job in jobs if job["employer_bin"] == agent)
        assert amount == min(Decimal(salary), Decimal(50 * 85_000)) / 10
    assert Decimal(pension.findtext("total") or "") == sum(months_of.values())


# --- money and notifications ------------------------------------------------------------------------------


def test_a_pensioner_has_an_age_pension_in_e_maket(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("pensioner")
    benefits = ask(gateway, "EMAKET_AssignedBenefits", iin).findall("benefits/benefit")
    assert ("age-pension", "true") in {(b.findtext("kind/code"), b.findtext("active")) for b in benefits}


def test_a_bank_account_is_confirmed_for_its_holder_only(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("has-bank-account")
    [account] = gateway.rows(
        select(bank_accounts).where(bank_accounts.c.iin == iin, bank_accounts.c.closed_on.is_(None)).limit(1)
    )
    mine = ask(gateway, "EPAY_BankAccountCheck", iin, iban=account["iban"])
    assert mine.findtext("account/confirmed") == "true"
    assert mine.findtext("account/bank/code") == account["bank_code"]
    [other] = [i for i in gateway.sample("adult", 2) if i != iin][:1]
    theirs = ask(gateway, "EPAY_BankAccountCheck", other, iban=account["iban"])
    assert (theirs.findtext("account/holderMatches"), theirs.findtext("account/confirmed")) == ("false", "false")
    unknown = ask(gateway, "EPAY_BankAccountCheck", iin, iban="KZ000000000000000000")
    assert unknown.findtext("messageResult/code") == NO_DATA


def test_an_sms_reaches_the_registered_number_and_not_a_person_without_one(gateway: LiveGateway) -> None:
    [row] = gateway.rows(
        select(persons.c.iin, persons.c.phone)
        .where(persons.c.phone.is_not(None), persons.c.death_date.is_(None))
        .order_by(persons.c.iin)
        .limit(1)
    )
    sent = ask(gateway, "SMS_Send", row["iin"], text="Ваша заявка принята")
    assert (sent.findtext("sms/phone"), sent.findtext("sms/status/code")) == (row["phone"], "DELIVERED")
    elsewhere = ask(gateway, "SMS_Send", row["iin"], phone="+77000000000", text="x")
    assert elsewhere.findtext("sms/status/code") == "UNDELIVERABLE"
    [unreachable] = gateway.sample("no-phone")
    assert ask(gateway, "SMS_Send", unreachable, text="x").findtext("messageResult/code") == NO_DATA
