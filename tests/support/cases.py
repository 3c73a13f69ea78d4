"""Opening regulation cases on a live instance and checking their result documents independently."""

from __future__ import annotations

import base64
import subprocess
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import and_, select

from contracts.regulations import CATALOGUE_DIR
from gateway.cases import CASE_SERVICES
from mocks.population.tables import bank_accounts, benefits, civil_acts, disabilities, employments
from signing.xmldsig import SigningKey, sign_enveloped
from tests.support.gateway import LiveGateway, kz_today
from tests.support.shep import send_message
from tests.support.tools import require

RESULT_NS = "urn:qaqpa:regulations:result:v1"
SOCPROT_NS = "urn:qaqpa:sim:socprot:v1"


def open_case(gateway: LiveGateway, service_id: str, iin: str, **fields: Any) -> dict[str, Any]:
    response = gateway.http.post("/api/v1/cases", json={"serviceId": service_id, "iin": iin, **fields})
    assert response.status_code == 201, response.text
    case: dict[str, Any] = response.json()
    return case


def read_case(gateway: LiveGateway, case_id: str) -> dict[str, Any]:
    response = gateway.http.get(f"/api/v1/cases/{case_id}")
    assert response.status_code == 200, response.text
    case: dict[str, Any] = response.json()
    return case


def read_cases(gateway: LiveGateway, iin: str) -> list[dict[str, Any]]:
    response = gateway.http.get("/api/v1/cases", params={"iin": iin, "limit": 500})
    assert response.status_code == 200, response.text
    cases: list[dict[str, Any]] = response.json()
    return cases


def citizens(
    gateway: LiveGateway,
    *features: str,
    without: Iterable[str] = (),
    benefit_free: str | None = None,
    never_employed: bool = False,
) -> list[str]:
    """IINs having every feature in ``features`` and none in ``without``; with no active payment of kind
    ``benefit_free`` (the duplicate check would refuse them) and, if asked, no job ever (no contributions)."""
    found = set(gateway.sample(features[0], 5000))
    for feature in features[1:]:
        found &= set(gateway.sample(feature, 5000))
    for feature in without:
        found -= set(gateway.sample(feature, 5000))
    if benefit_free is not None:
        rows = gateway.rows(select(benefits.c.iin).where(benefits.c.kind == benefit_free))
        found -= {row["iin"] for row in rows}
    if never_employed:
        found -= {row["iin"] for row in gateway.rows(select(employments.c.iin))}
    assert found, f"the population has nobody with {features} and without {tuple(without)}"
    return sorted(found)


VALID = "id-card-valid"
"""The population feature of an identity document valid today: every intake checks it."""


def adult_young(gateway: LiveGateway) -> list[str]:
    """Adults below the pension age with no disability, payment or unemployment: refused by most rules."""
    return citizens(gateway, "adult", VALID, without=("pension-age", "disabled", "has-benefit", "unemployed"))


def proactive_person(gateway: LiveGateway) -> str:
    """Someone Order 225's offer can reach: a mobile number, a bank account, no special state benefit yet."""
    return citizens(
        gateway, "adult", VALID, "has-bank-account", without=("no-phone",), benefit_free="special-state-benefit"
    )[0]


def pension_with_guardianship_down(gateway: LiveGateway) -> dict[str, Any]:
    """A basic pension application, with every event, while E-Guardianship answers HTTP 503 (a system that
    does not answer, the choice case_unanswered_system is about); the caller clears the fault."""
    rule = {"fault": {"kind": "http-error", "status": 503}}
    assert gateway.http.post("/api/v1/mocks/eopeka/faults", json=rule).status_code == 201
    iin = citizens(gateway, "pension-age", VALID, benefit_free="basic-pension")[3]
    return read_case(gateway, open_case(gateway, "SOCPROT_BasicStatePension_Application", iin)["caseId"])


def application_of(slug: str) -> str:
    """The application serviceId of the regulation ``slug``."""
    return next(s.service_id for s in CASE_SERVICES if s.regulation.slug == slug and s.purpose == "application")


def mother_of(gateway: LiveGateway, child_iin: str) -> str:
    [row] = gateway.rows(select(civil_acts.c.mother_iin).where(civil_acts.c.kind == "BIRTH",
                                                               civil_acts.c.person_iin == child_iin))  # fmt: skip
    mother: str = row["mother_iin"]
    return mother


def register_birth(gateway: LiveGateway, mother_iin: str, days_ago: int = 60) -> str:
    """A baby born ``days_ago`` to ``mother_iin``, registered now: the population's admin API, as a tester does."""
    born = (kz_today() - timedelta(days=days_ago)).isoformat()
    baby = {"surname": "ТЕСТОВ", "name": "НҰРЛАН", "birthDate": born, "sex": "M"}
    response = gateway.http.post("/api/v1/population/persons", json=baby)
    assert response.status_code == 201, response.text
    child: str = response.json()["person"]["iin"]
    act = {"kind": "BIRTH", "number": f"B{child[-7:]}", "eventDate": born, "registeredOn": kz_today().isoformat(),
           "office": "711210000", "personIin": child, "motherIin": mother_iin}  # fmt: skip
    response = gateway.http.post("/api/v1/population/records/civil-acts", json=act)
    assert response.status_code == 201, response.text
    return child


def end_benefits(gateway: LiveGateway, iin: str, kind: str) -> str:
    """End ``iin``'s payments of ``kind`` yesterday (the admin API), so that a new application is no duplicate."""
    yesterday = (kz_today() - timedelta(days=1)).isoformat()
    for row in gateway.rows(select(benefits.c.id).where(benefits.c.iin == iin, benefits.c.kind == kind)):
        response = gateway.http.patch(f"/api/v1/population/records/benefits/{row['id']}", json={"endedOn": yesterday})
        assert response.status_code == 200, response.text
    return iin


def determine_disability(gateway: LiveGateway, iin: str, group: str, *, since_childhood: bool) -> str:
    """A disability determined today, without a re-examination date (the admin API, as a tester does)."""
    record = {"iin": iin, "group": group, "cause": "SINCE_CHILDHOOD" if since_childhood else "GENERAL_ILLNESS",
              "sinceChildhood": since_childhood, "establishedOn": kz_today().isoformat(),
              "certificateNumber": f"T{iin[-8:]}"}  # fmt: skip
    response = gateway.http.post("/api/v1/population/records/disabilities", json=record)
    assert response.status_code == 201, response.text
    return iin


def work_injured(gateway: LiveGateway) -> list[str]:
    today = kz_today()
    rows = gateway.rows(
        select(disabilities.c.iin).where(
            disabilities.c.cause.in_(("WORK_INJURY", "OCCUPATIONAL_DISEASE")),
            disabilities.c.working_capacity_loss > 0,
            (disabilities.c.valid_until.is_(None)) | (disabilities.c.valid_until >= today),
        )
    )
    return sorted({row["iin"] for row in rows})


def indefinitely_disabled(gateway: LiveGateway) -> list[str]:
    rows = gateway.rows(select(disabilities.c.iin).where(disabilities.c.valid_until.is_(None)))
    return sorted({row["iin"] for row in rows})


def open_account(gateway: LiveGateway, iin: str) -> str:
    rows = gateway.rows(select(bank_accounts.c.iban).where(and_(bank_accounts.c.iin == iin,
                                                                bank_accounts.c.closed_on.is_(None))))  # fmt: skip
    assert rows, f"{iin} has no open account"
    iban: str = rows[0]["iban"]
    return iban


def signed_case_request(key: SigningKey, iin: str, service_id: str, **fields: str) -> bytes:
    """A SOCPROT request as the portal sends it: the payload signed by the applicant."""
    extra = "".join(f"<{name}>{content}</{name}>" for name, content in fields.items())
    data = etree.fromstring(
        f'<data xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:r="{SOCPROT_NS}" xsi:type="r:Request">'
        f"<messageId>m-{iin}</messageId><messageDate>2026-12-05T10:00:00+05:00</messageDate>"
        f"<senderCode>DEMO_PORTAL</senderCode><iin>{iin}</iin>{extra}</data>"
    )
    sign_enveloped(data, key)
    return send_message(etree.tostring(data, encoding="unicode"), service_id=service_id)


def issue_key(gateway: LiveGateway, iin: str, **flags: bool) -> SigningKey:
    """A signing key for ``iin`` from the instance's CA; ``revoked=True`` or ``expired=True`` spoil it."""
    response = gateway.http.post("/api/v1/pki/certificates", json={"iin": iin, **flags})
    assert response.status_code == 201, response.text
    issued = response.json()
    return SigningKey.from_pem(issued["privateKeyPem"].encode(), issued["certificatePem"].encode())


def soap_case(body: bytes) -> tuple[etree._Element, bytes | None]:
    """The ``case`` element of a SOCPROT answer, and its result document (decoded) if any."""
    root = etree.fromstring(body)
    response = next(root.iter(f"{{{SOCPROT_NS}}}Response"), None)
    if response is None:
        data = next(root.iter("data"))
        response = data
    case = response.find("case")
    assert case is not None, body[:800]
    document = response.findtext("resultDocument")
    return case, base64.b64decode(document) if document else None


def check_document(gateway: LiveGateway, document: bytes, tmp_path: Path) -> etree._Element:
    """The result document is valid by result.xsd and its signature verifies with xmlsec1 against the instance's CA."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    schema = etree.XMLSchema(etree.parse(str(CATALOGUE_DIR / "result.xsd"), parser))
    root = etree.fromstring(document, parser)
    assert schema.validate(root), schema.error_log
    xmlsec1 = require("xmlsec1")
    (tmp_path / "root.pem").write_bytes(gateway.http.get("/pki/root.crt").content)
    (tmp_path / "ca.pem").write_bytes(gateway.http.get("/pki/ca.crt").content)
    (tmp_path / "result.xml").write_bytes(document)
    verified = subprocess.run(
        [xmlsec1, "--verify", "--trusted-pem", tmp_path / "root.pem", "--untrusted-pem", tmp_path / "ca.pem",
         "--enabled-key-data", "x509", tmp_path / "result.xml"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stderr
    return root


def now_utc() -> datetime:
    return datetime.now(UTC)
