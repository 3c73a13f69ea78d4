"""The result document: valid by contracts/regulations/result.xsd, signed by the provider's legal entity."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from lxml import etree

from contracts.regulations import load_catalogue
from gateway.cases.document import build_result, fill_of, result_schema
from gateway.cases.evidence import Person
from signing.verification import Expectation
from tests.support.pki import BIN, open_lab

REGULATION = next(regulation for regulation in load_catalogue() if regulation.slug == "age-pension")
PERSON = Person("630802326986", "АБАЕВ", "ЕРЛАН", None, date(1963, 8, 2), "M", None, True)


def test_a_refusal_is_valid_signed_and_cites_its_ground(tmp_path: Path) -> None:
    lab = open_lab(tmp_path)
    key = lab.key(bin_=BIN)
    document = build_result(
        REGULATION, case_id="c-1", service_id=REGULATION.application_service_id, issued_at=datetime.now(UTC),
        applicant=PERSON, applicant_iin=PERSON.iin, subject_iin=None, decision="refused",
        ground=("no-right", "417-421", "No right to an age pension"), values={}, key=key,
    )  # fmt: skip
    root = etree.fromstring(document)
    assert result_schema().validate(root), result_schema().error_log
    [verdict] = lab.verifier().verify_enveloped(root, Expectation(bin=BIN), source=document)
    assert verdict.valid and verdict.signer is not None and verdict.signer.bin == BIN
    fields = {field.get("label"): field.text for field in root.iterfind("{*}field")}
    assert fields["Citizen's surname, first name and patronymic (if any)"] == "АБАЕВ ЕРЛАН"
    assert root.find("{*}ground").get("lines") == "417-421"  # type: ignore[union-attr]


def test_every_result_field_of_the_catalogue_is_filled_from_a_known_fact() -> None:
    known = {"provider", "applicant.name", "applicant.birthDate", "applicant.iin", "amount", "ground",
             "legal-clause", "barcode", "decision.date", "decision"}  # fmt: skip
    for regulation in load_catalogue():
        assert {fill_of(field.text) for field in regulation.result_fields} <= known
    assert fill_of("Assigned amount in tenge") == "amount"
    assert fill_of("Citizen's date of birth (day, month, year)") == "applicant.birthDate"
