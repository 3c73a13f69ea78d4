"""The result document: the regulation's result form as an XML e-document (contracts/regulations/result.xsd),
signed enveloped by the provider's authorised person with the SOCPROT legal-entity certificate (IIN and BIN),
as each regulation's last step has it (e.g. regulation 1, shared/seeds/000_35060450d94081fb.txt:537-542)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import datetime

from lxml import etree

from contracts.regulations import CATALOGUE_DIR, Regulation
from contracts.shep import xml_datetime
from gateway.cases.evidence import Person
from signing.xmldsig import SigningKey, sign_enveloped

NAMESPACE = "urn:qaqpa:regulations:result:v1"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

# Which case fact fills a result field, found by the words of the field's label in the catalogue.
_FILLS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("surname", "full name", "name of the"), "applicant.name"),
    (("date of birth", "birth date"), "applicant.birthDate"),
    (("iin",), "applicant.iin"),
    (("amount", "sum", "tenge"), "amount"),
    (("refus", "reason"), "ground"),
    (("clause", "paper", "law of"), "legal-clause"),
    (("barcode", "qr"), "barcode"),
    (("department", "committee", "provider", "body", "branch", "unit", "organisation", "organization"), "provider"),
    (("date", "period", "from", "until", "term"), "decision.date"),
    (("decision", "assign", "number"), "decision"),
)
LEGAL_CLAUSE = (
    "Under article 7, paragraph 1 of the Law of the Republic of Kazakhstan of 7 January 2003 "
    '"On the electronic document and electronic digital signature" this e-document equals a paper one.'
)


@functools.cache
def result_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(CATALOGUE_DIR / "result.xsd"), _PARSER))


def fill_of(label: str) -> str:
    lowered = label.lower()
    for words, fills in _FILLS:
        if any(word in lowered for word in words):
            return fills
    return "decision"


def build_result(
    regulation: Regulation,
    *,
    case_id: str,
    service_id: str,
    issued_at: datetime,
    applicant: Person | None,
    applicant_iin: str,
    subject_iin: str | None,
    decision: str,
    ground: tuple[str, str, str] | None,
    values: Mapping[str, str],
    key: SigningKey,
) -> bytes:
    """The signed document; ``ground`` is (code, lines, text) of a refusal, ``values`` the facts by fill name."""
    root = etree.Element(f"{{{NAMESPACE}}}result", nsmap={None: NAMESPACE})
    root.set("regulation", regulation.key)
    root.set("service", service_id)
    root.set("caseId", case_id)
    root.set("issuedAt", xml_datetime(issued_at))
    form = etree.SubElement(root, f"{{{NAMESPACE}}}form", lines=regulation.result_form.lines.cite())
    form.text = regulation.result_form.text
    etree.SubElement(root, f"{{{NAMESPACE}}}provider").text = regulation.provider.text
    person = etree.SubElement(root, f"{{{NAMESPACE}}}applicant")
    etree.SubElement(person, f"{{{NAMESPACE}}}iin").text = applicant_iin
    etree.SubElement(person, f"{{{NAMESPACE}}}fullName").text = applicant.full_name if applicant else "—"
    if applicant is not None:
        etree.SubElement(person, f"{{{NAMESPACE}}}birthDate").text = applicant.birth_date.isoformat()
    if subject_iin:
        etree.SubElement(root, f"{{{NAMESPACE}}}subjectIin").text = subject_iin
    etree.SubElement(root, f"{{{NAMESPACE}}}decision").text = decision
    if ground is not None:
        code, lines, text = ground
        etree.SubElement(root, f"{{{NAMESPACE}}}ground", code=code, lines=lines).text = text
    filled = {
        "provider": regulation.provider.text,
        "applicant.name": applicant.full_name if applicant else applicant_iin,
        "applicant.birthDate": applicant.birth_date.isoformat() if applicant else "—",
        "applicant.iin": applicant_iin,
        "legal-clause": LEGAL_CLAUSE,
        "barcode": f"QAQPA:{case_id}",
        "ground": ground[2] if ground else "—",
        **values,
    }
    for field in regulation.result_fields:
        fills = fill_of(field.text)
        element = etree.SubElement(root, f"{{{NAMESPACE}}}field", label=field.text, lines=field.lines.cite())
        element.text = filled.get(fills) or filled.get("decision", decision)
    signed_by = etree.SubElement(root, f"{{{NAMESPACE}}}signedBy", lines=regulation.signed_by.lines.cite())
    signed_by.text = regulation.signed_by.text
    etree.ElementTree(root)
    sign_enveloped(root, key)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
