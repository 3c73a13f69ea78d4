"""The regulations as executable services, end to end through the gateway: every regulation of Order 407 and
the Order 225 standard granted and refused with generated citizens, each result document valid by its schema
and verified by xmlsec1; the 30-minute information window; the return-for-documents loop across a public
holiday; Order 225's proactive flow."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from contracts.regulations import load_catalogue
from gateway.workdays import add_working_days
from tests.support.async_parties import message_info, post_async, send_message_envelope
from tests.support.cases import (
    SOCPROT_NS,
    VALID,
    adult_young,
    application_of,
    check_document,
    citizens,
    determine_disability,
    end_benefits,
    indefinitely_disabled,
    issue_key,
    mother_of,
    open_account,
    open_case,
    pension_with_guardianship_down,
    proactive_person,
    read_case,
    read_cases,
    register_birth,
    signed_case_request,
    soap_case,
    work_injured,
)
from tests.support.gateway import ASYNC_CONSUMER, LiveGateway
from tests.support.shep import read_fault, send_message
from tests.support.waiting import eventually

Pick = Callable[[LiveGateway], tuple[str, dict[str, Any]]]


@pytest.fixture(autouse=True)
def clock_back(gateway: LiveGateway) -> Iterator[None]:
    yield
    gateway.reset_clock()
    for system in ("cbdi", "eopeka"):
        gateway.http.delete(f"/api/v1/mocks/{system}/faults").raise_for_status()


def _one(iins: list[str], **fields: Any) -> tuple[str, dict[str, Any]]:
    return iins[0], fields


def _with_subject(subjects: list[str], applicants: list[str], **fields: Any) -> tuple[str, dict[str, Any]]:
    applicant = next(iin for iin in applicants if iin not in subjects)
    return applicant, {"subjectIin": subjects[0], **fields}


def _disabled_child_mother(gateway: LiveGateway, disabled: bool) -> tuple[str, dict[str, Any]]:
    valid = set(gateway.sample(VALID, 5000))
    children = citizens(gateway, "disabled-child") if disabled else citizens(gateway, "child", without=("disabled",))
    for child in children:
        mother = mother_of(gateway, child)
        if mother in valid:
            return mother, {"subjectIin": child}
    raise AssertionError("no child with a mother holding a valid ID card")


def _new_mother(gateway: LiveGateway) -> tuple[str, dict[str, Any]]:
    mother = citizens(
        gateway, "female", "adult", VALID, without=("pension-age",), benefit_free="childbirth-childcare-benefits"
    )[0]
    register_birth(gateway, mother)
    return mother, {}


# regulation slug -> (granted: who and what they hand in, refused: who, the refusal's ground)
CASES: dict[str, tuple[Pick, Pick, str]] = {
    "age-pension": (
        lambda g: _one(citizens(g, "pension-age", VALID, without=("pensioner",)), documents=["work-record-book"]),
        lambda g: _one(adult_young(g)),
        "no-right",
    ),
    "basic-state-pension": (
        lambda g: _one(citizens(g, "pension-age", VALID, benefit_free="basic-pension")),
        lambda g: _one(adult_young(g)),
        "no-right",
    ),
    "disability-survivor-allowance": (
        lambda g: _one([end_benefits(g, citizens(g, "disabled", "adult", VALID)[0], "disability-survivor-allowance")]),
        lambda g: _one(adult_young(g)),
        "no-right",
    ),
    "state-special-allowances": (
        lambda g: _one([end_benefits(g, citizens(g, "mother-of-four-minors", VALID)[0], "state-special-allowance")]),
        lambda g: _one(citizens(g, "male", "adult", VALID, benefit_free="state-special-allowance")),
        "no-right",
    ),
    "social-risk-payments": (
        lambda g: _one(citizens(g, "unemployed", VALID), documents=["dismissal-order"]),
        lambda g: _one(citizens(g, "employed", VALID, without=("unemployed",))),
        "no-grounds",
    ),
    "childbirth-childcare-allowance": (
        lambda g: _new_mother(g),
        lambda g: _one(citizens(g, "pension-age", VALID, benefit_free="childbirth-childcare-benefits")),
        "no-right",
    ),
    "special-state-allowance": (
        lambda g: _one(citizens(g, "disabled-group-1", "adult", VALID, benefit_free="special-state-benefit")),
        lambda g: _one(adult_young(g)),
        "no-right",
    ),
    "uapf-depositor-statement": (
        lambda g: _one(citizens(g, "employed", VALID)),
        lambda g: _one(citizens(g, "child", VALID, without=("employed",))),
        "no-data",
    ),
    "disability-assessment": (
        lambda g: _one(adult_young(g)),
        lambda g: _one(sorted(set(indefinitely_disabled(g)) & set(citizens(g, VALID)))),
        "no-right",
    ),
    "disabled-child-carer-allowance": (
        lambda g: _disabled_child_mother(g, disabled=True),
        lambda g: _disabled_child_mother(g, disabled=False),
        "no-right",
    ),
    "funeral-payment": (
        lambda g: _with_subject(citizens(g, "deceased-in-registry"), adult_young(g)),
        lambda g: _with_subject(adult_young(g)[3:], adult_young(g)[:3]),
        "no-right",
    ),
    "bankruptcy-harm-compensation": (
        lambda g: _one(sorted(set(work_injured(g)) & set(citizens(g, VALID)))),
        lambda g: _one(adult_young(g)),
        "no-right",
    ),
    "foreigner-qualification-certificate": (
        lambda g: _one(adult_young(g), documents=["diploma", "work-experience"]),
        lambda g: _one(adult_young(g), documents=["work-experience"]),
        "incomplete",
    ),
    "pension-inflation-difference": (
        lambda g: _one(citizens(g, "pensioner", VALID)),
        lambda g: _one(adult_young(g)),
        "no-right",
    ),
    "large-family-mother-allowance": (
        lambda g: _one(
            [end_benefits(g, citizens(g, "mother-of-many", VALID)[0], "large-family-mothers-benefit")],
            documents=["birth-certificates"],
        ),
        lambda g: _one(citizens(g, "male", "adult", VALID)),
        "no-right",
    ),
    "group1-childhood-disability-carer-allowance": (
        lambda g: _with_subject(
            [determine_disability(g, adult_young(g)[7], "I", since_childhood=True)], adult_young(g)
        ),
        lambda g: _with_subject(adult_young(g)[5:], adult_young(g)),
        "no-right",
    ),
    "uapf-savings-payout": (
        lambda g: _one(citizens(g, "employed", "pension-age", VALID)),
        lambda g: _one(citizens(g, "employed", VALID, without=("pension-age", "disabled"))),
        "no-right",
    ),
    "social-contributions-statement": (
        lambda g: _one(citizens(g, "employed", VALID)),
        lambda g: _one(citizens(g, "id-card-expired")),
        "expired-documents",
    ),
    "special-state-benefit": (
        lambda g: _one(adult_young(g), documents=["title-certificate"]),
        lambda g: _one(citizens(g, "id-card-expired")),
        "expired-documents",
    ),
}


def test_the_table_covers_every_regulation() -> None:
    assert set(CASES) == {regulation.slug for regulation in load_catalogue()}


@pytest.mark.parametrize("slug", sorted(CASES))
def test_every_regulation_grants_and_refuses_with_a_signed_result(
    gateway: LiveGateway, slug: str, tmp_path: Path
) -> None:
    grant, refuse, ground = CASES[slug]
    iin, fields = grant(gateway)
    granted = open_case(gateway, application_of(slug), iin, channel="state-corporation", **fields)
    assert (granted["state"], granted["decision"]) == ("decided", "granted"), granted
    document = gateway.http.get(f"/api/v1/cases/{granted['caseId']}/document")
    root = check_document(gateway, document.content, tmp_path)
    assert root.get("caseId") == granted["caseId"] and root.findtext("{*}decision") == "granted"
    assert root.findtext("{*}applicant/{*}iin") == iin

    iin, fields = refuse(gateway)
    refused = open_case(gateway, application_of(slug), iin, channel="state-corporation", **fields)
    assert (refused["state"], refused["decision"], refused["ground"]["code"]) == ("decided", "refused", ground)
    document = gateway.http.get(f"/api/v1/cases/{refused['caseId']}/document")
    root = check_document(gateway, document.content, tmp_path)
    refusal = root.find("{*}ground")
    assert refusal is not None and refusal.get("code") == ground
    cited = {r.lines.cite() for r in next(r for r in load_catalogue() if r.slug == slug).refusals}
    assert refusal.get("lines") in cited, "the ground cites one of the regulation's refusals"


def test_a_case_keeps_every_query_step_deadline_and_signer(gateway: LiveGateway) -> None:
    iin = citizens(gateway, "pension-age", VALID, without=("pensioner",))[1]
    case = open_case(gateway, "SOCPROT_AgePension_Application", iin, channel="state-corporation",
                     documents=["work-record-book"])  # fmt: skip
    events = read_case(gateway, case["caseId"])["events"]
    queries = {e["serviceId"]: e for e in events if e["kind"] == "query"}
    assert {"GBDFL_UniversalServiceSync", "EMAKET_AssignedBenefits", "ZAGS_BirthActs"} <= set(queries)
    logged = gateway.http.get("/api/v1/messages", params={"sessionId": queries["EMAKET_AssignedBenefits"]["sessionId"]})
    [exchange] = logged.json()["exchanges"]
    assert exchange["senderId"] == "SOCPROT", "the orchestrator's queries go through the gateway pipeline"
    steps = [e for e in events if e["kind"] == "step"]
    assert any(e["deadlineAt"] for e in steps) and any(e["signer"] for e in steps)
    assert not any(e["step"] in (18, 19, 20) and e["flow"] == "state-corporation" for e in steps), "no loop steps"
    [decision] = [e for e in events if e["kind"] == "decision"]
    assert decision["signer"] and decision["lines"]
    assert any(e["kind"] == "sms" for e in events)


# --- the portal: signed requests, information within 30 minutes ------------------------------------------


def test_the_portal_s_signed_information_request_is_answered_within_30_minutes(
    gateway: LiveGateway, tmp_path: Path
) -> None:
    iin = citizens(gateway, "pensioner", VALID)[0]
    response = gateway.post(signed_case_request(issue_key(gateway, iin), iin, "SOCPROT_AgePension_Information"))
    assert response.status_code == 200, response.text
    case, document = soap_case(response.content)
    assert (case.findtext("state"), case.findtext("decision")) == ("decided", "answered")
    received = datetime.fromisoformat(case.findtext("receivedAt") or "")
    assert datetime.fromisoformat(case.findtext("deadlineAt") or "") == received + timedelta(minutes=30)
    stored = read_case(gateway, case.findtext("caseId") or "")
    assert datetime.fromisoformat(stored["decidedAt"]) <= received + timedelta(minutes=30)
    assert document is not None
    check_document(gateway, document, tmp_path)


@pytest.mark.parametrize(
    ("spoiled", "code"),
    [
        ("someone-else", "Client.Signature.IinMismatch"),
        ("revoked", "Client.Signature.RevokedByCrl"),
        ("expired", "Client.Signature.CertificateExpired"),
        ("altered", "Client.Signature.DigestMismatch"),
        ("unsigned", "Client.Signature.Missing"),
    ],
)
def test_the_portal_refuses_a_request_not_validly_signed_by_the_applicant(
    gateway: LiveGateway, spoiled: str, code: str
) -> None:
    """Condition 2 of the portal's flows (regulation 1, shared/seeds/000_35060450d94081fb.txt lines 519-522)."""
    iin, other = citizens(gateway, "pensioner", VALID)[:2]
    service_id = "SOCPROT_AgePension_Information"
    if spoiled == "unsigned":
        request = send_message(
            f'<data xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:r="{SOCPROT_NS}" xsi:type="r:Request">'
            f"<messageId>m-{iin}</messageId><messageDate>2026-12-05T10:00:00+05:00</messageDate>"
            f"<senderCode>DEMO_PORTAL</senderCode><iin>{iin}</iin></data>",
            service_id=service_id,
        )
    else:
        signer = other if spoiled == "someone-else" else iin
        flags = {spoiled: True} if spoiled in ("revoked", "expired") else {}
        request = signed_case_request(issue_key(gateway, signer, **flags), iin, service_id)
        if spoiled == "altered":
            request = request.replace(b"<messageId>m-", b"<messageId>x-")
    before = read_cases(gateway, iin)
    response = gateway.post(request)
    assert read_fault(response.content).code == code
    assert read_cases(gateway, iin) == before, "a refused request opens no case"


def _deadlines_missed(gateway: LiveGateway, regulation: str) -> float:
    wanted = f'qaqpa_case_deadlines_missed_total{{regulation="{regulation}"}} '
    lines = [line for line in gateway.http.get("/metrics").text.splitlines() if line.startswith(wanted)]
    return float(lines[0].split()[-1]) if lines else 0.0


def test_an_information_request_expires_when_a_system_hangs(gateway: LiveGateway) -> None:
    rule = {"fault": {"kind": "hang"}}
    assert gateway.http.post("/api/v1/mocks/cbdi/faults", json=rule).status_code == 201
    iin = adult_young(gateway)[2]
    case = open_case(gateway, "SOCPROT_DisabilityAssessment_Information", iin, wait=False)
    assert case["state"] == "querying"
    missed_before = _deadlines_missed(gateway, case["regulation"])
    gateway.advance_clock("29m")
    assert read_case(gateway, case["caseId"])["state"] == "querying"
    gateway.advance_clock("2m")
    expired = read_case(gateway, case["caseId"])
    assert (expired["state"], expired["ground"]["code"]) == ("expired", "deadline-missed")
    assert any(e["kind"] == "deadline" and e["lines"] for e in expired["events"])
    assert _deadlines_missed(gateway, case["regulation"]) == missed_before + 1, "/metrics counts it"


def test_a_tester_plays_the_officer_step_by_step(gateway: LiveGateway) -> None:
    iin = citizens(gateway, "pension-age", VALID, benefit_free="basic-pension")[1]
    case = open_case(gateway, "SOCPROT_BasicStatePension_Application", iin, mode="officer")
    assert case["state"] == "in-progress" and case["file"]["proposal"]["outcome"] == "grant"
    advanced = 0
    while case["state"] == "in-progress":
        case = gateway.http.post(f"/api/v1/cases/{case['caseId']}/advance").json()
        advanced += 1
    assert case["state"] == "awaiting-officer" and advanced > 5
    played = [e for e in read_case(gateway, case["caseId"])["events"] if e["kind"] == "step" and e["step"]]
    assert len(played) == advanced and all("played by the tester" in e["actor"] for e in played)
    refused = gateway.http.post(f"/api/v1/cases/{case['caseId']}/decision", json={"action": "refuse"}).json()
    assert (refused["decision"], refused["ground"]["code"]) == ("refused", "no-right")
    again = gateway.http.post(f"/api/v1/cases/{case['caseId']}/advance")
    assert again.status_code == 409 and again.json()["code"] == "Client.Conflict"


def test_with_pace_deadlines_each_step_takes_its_working_days_on_the_clock(gateway: LiveGateway) -> None:
    gateway.http.post("/api/v1/clock/set", json={"to": _BEFORE_THE_HOLIDAYS}).raise_for_status()
    iin = citizens(gateway, "pension-age", VALID, benefit_free="basic-pension")[2]
    case = open_case(gateway, "SOCPROT_BasicStatePension_Application", iin, pace="deadlines")
    dues = []
    while case["state"] == "in-progress":
        dues.append(datetime.fromisoformat(case["dueAt"]))
        gateway.http.post("/api/v1/clock/set", json={"to": (dues[-1] - timedelta(minutes=5)).isoformat()})
        assert read_case(gateway, case["caseId"])["state"] == "in-progress", "not before the step's deadline"
        gateway.advance_clock("10m")
        case = read_case(gateway, case["caseId"])
    assert (case["state"], case["decision"]) == ("decided", "granted")
    assert len(dues) >= 2 and dues == sorted(dues)
    steps = [e for e in case["events"] if e["kind"] == "step" and e["deadlineAt"]]
    assert all(e["at"] == e["deadlineAt"] and e["outcome"] == "done" for e in steps)
    assert datetime.fromisoformat(case["decidedAt"]) >= dues[-1]


# --- the return-for-documents loop --------------------------------------------------------------------------

_BEFORE_THE_HOLIDAYS = "2026-12-10T10:00:00+05:00"  # 30 working days from here cross 16 Dec, 1-2 Jan and 7 Jan


@pytest.mark.parametrize(
    ("slug", "features", "decision", "ground"),
    [
        ("age-pension", ("pension-age", VALID), "granted", None),
        ("social-risk-payments", ("unemployed", VALID), "refused", "documents-not-submitted"),
    ],
)
def test_the_documents_loop_ends_after_30_working_days_as_the_regulation_says(
    gateway: LiveGateway, slug: str, features: tuple[str, ...], decision: str, ground: str | None
) -> None:
    gateway.http.post("/api/v1/clock/set", json={"to": _BEFORE_THE_HOLIDAYS}).raise_for_status()
    iin = end_benefits(gateway, citizens(gateway, *features, never_employed=True)[0], "age-pension")
    case = open_case(gateway, application_of(slug), iin, channel="state-corporation")
    assert case["state"] == "awaiting-documents", case
    due = datetime.fromisoformat(case["dueAt"])
    calendar_days = (due.date() - datetime.fromisoformat(_BEFORE_THE_HOLIDAYS).date()).days
    assert calendar_days > 42, "30 working days, weekends and the public holidays not counted"

    gateway.http.post("/api/v1/clock/set", json={"to": (due - timedelta(hours=1)).isoformat()}).raise_for_status()
    assert read_case(gateway, case["caseId"])["state"] == "awaiting-documents"
    gateway.advance_clock("2h")
    ended = read_case(gateway, case["caseId"])
    assert (ended["state"], ended["decision"]) == ("decided", decision)
    assert (ended["ground"] or {}).get("code") == ground
    assert any(e["kind"] == "documents" and e["outcome"] == "deadline passed" for e in ended["events"])


def test_order_225_gives_the_applicant_25_working_days_after_the_office_s_5(gateway: LiveGateway) -> None:
    """r225-01 lines 212-231 give only the office's 5 days; the applicant's are Qaqpa's choice (25 by default)."""
    gateway.http.post("/api/v1/clock/set", json={"to": _BEFORE_THE_HOLIDAYS}).raise_for_status()
    case = open_case(gateway, application_of("special-state-benefit"), adult_young(gateway)[4])
    assert case["state"] == "awaiting-documents" and case["file"]["missing"] == ["title-certificate"]
    start = datetime.fromisoformat(_BEFORE_THE_HOLIDAYS).date()
    assert datetime.fromisoformat(case["dueAt"]).date() == add_working_days(start, 5 + 25)


def test_a_system_that_does_not_answer_is_not_a_refusal_the_paper_is_scanned(gateway: LiveGateway) -> None:
    case = pension_with_guardianship_down(gateway)
    assert (case["state"], case["decision"]) == ("decided", "granted"), case
    [silent] = [e for e in case["events"] if e["kind"] == "query" and "EOPEKA" in e["does"]]
    assert silent["outcome"] != "00000"


def test_documents_brought_in_time_let_the_case_go_on(gateway: LiveGateway) -> None:
    iin = citizens(gateway, "unemployed", VALID)[1]
    case = open_case(gateway, "SOCPROT_SocialRiskPayments_Application", iin)
    assert case["state"] == "awaiting-documents" and case["file"]["missing"] == ["dismissal-order"]
    brought = gateway.http.post(f"/api/v1/cases/{case['caseId']}/documents", json={"documents": ["dismissal-order"]})
    assert brought.json()["decision"] == "granted", brought.text


# --- Order 225: the proactive flow --------------------------------------------------------------------------


def test_the_proactive_offer_completes_with_consent_and_a_confirmed_account(gateway: LiveGateway) -> None:
    iin = proactive_person(gateway)
    offer = gateway.http.post("/api/v1/cases/proactive", json={"iin": iin}).json()
    assert offer["state"] == "awaiting-consent", offer
    consent = gateway.http.post(f"/api/v1/cases/{offer['caseId']}/sms-replies", json={"text": "2"}).json()
    assert consent["state"] == "awaiting-bank-account" and consent["request"]["language"] == "ru"
    account = open_account(gateway, iin)
    done = gateway.http.post(f"/api/v1/cases/{offer['caseId']}/sms-replies", json={"text": account}).json()
    assert (done["state"], done["decision"]) == ("decided", "granted"), done
    sms = [e for e in read_case(gateway, offer["caseId"])["events"] if e["kind"] == "sms"]
    assert [e["step"] for e in sms[:3]] == [3, 4, 5]


def test_the_proactive_offer_ends_unanswered_after_3_days(gateway: LiveGateway) -> None:
    iin = proactive_person(gateway)
    offer = gateway.http.post("/api/v1/cases/proactive", json={"iin": iin}).json()
    gateway.advance_clock("2d23h")
    assert read_case(gateway, offer["caseId"])["state"] == "awaiting-consent"
    gateway.advance_clock("2h")
    ended = read_case(gateway, offer["caseId"])
    assert ended["state"] == "ended" and ended["decision"] is None
    assert ended["events"][-1]["lines"] == "106-108"


def test_each_sms_that_asks_something_has_its_own_3_days(gateway: LiveGateway) -> None:
    offer = gateway.http.post("/api/v1/cases/proactive", json={"iin": proactive_person(gateway)}).json()
    gateway.advance_clock("2d")
    gateway.http.post(f"/api/v1/cases/{offer['caseId']}/sms-replies", json={"text": "1"}).raise_for_status()
    gateway.advance_clock("2d")
    assert read_case(gateway, offer["caseId"])["state"] == "awaiting-bank-account", "3 days from the second SMS"
    gateway.advance_clock("1d1h")
    assert read_case(gateway, offer["caseId"])["state"] == "ended"


# --- the async channel: a case id at once, then UPDATEs ------------------------------------------------------


def test_an_application_on_the_async_channel_gets_its_case_then_updates(gateway: LiveGateway) -> None:
    iin = citizens(gateway, "unemployed", VALID)[2]
    request = etree.fromstring(
        signed_case_request(issue_key(gateway, iin), iin, "SOCPROT_SocialRiskPayments_Application")
    )
    data = request.find(".//requestData/data")
    assert data is not None
    info = message_info("SOCPROT_SocialRiskPayments_Application", ASYNC_CONSUMER)
    answer = post_async(gateway.http, send_message_envelope(info, copy.deepcopy(data)))
    correlation_id = answer.findtext("response/correlationId")
    assert correlation_id

    def pushed(kind: str) -> tuple[Any, etree._Element] | None:
        for message_info_, payload in list(gateway.consumer_inbox.messages.values()):
            if message_info_.correlation_id == correlation_id and message_info_.message_type == kind:
                return message_info_, payload
        return None

    _, response = eventually(lambda: pushed("RESPONSE"), "the RESPONSE with the case")
    case_id = response.findtext(".//caseId")
    assert response.findtext(".//state") == "awaiting-documents" and case_id

    brought = gateway.http.post(f"/api/v1/cases/{case_id}/documents", json={"documents": ["dismissal-order"]})
    assert brought.json()["decision"] == "granted"
    _, update = eventually(lambda: pushed("UPDATE"), "the UPDATE with the decision")
    assert update.findtext(".//decision") == "granted" and update.findtext(".//resultDocument")
    events = read_case(gateway, case_id)["events"]
    assert any(e["kind"] == "update" and e["outcome"] == "Async.Accepted" for e in events)
