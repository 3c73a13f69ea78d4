"""SOCPROT's serviceIds: one application per regulation, an information request where the portal has one."""

from __future__ import annotations

from contracts.regulations import load_catalogue
from gateway.cases.services import CASE_SERVICES, SOCPROT


def test_every_regulation_takes_applications_and_the_portal_s_information_flows_are_served() -> None:
    by_id = {service.service_id: service for service in CASE_SERVICES}
    for regulation in load_catalogue():
        assert by_id[regulation.application_service_id].purpose == "application"
        has_information = any(flow.kind == "portal-information" for flow in regulation.flows)
        assert (regulation.information_service_id in by_id) == has_information
    assert "SOCPROT_AgePension_Information" in by_id
    assert "SOCPROT_SpecialStateBenefit_Application" in by_id
    assert len(by_id) == len(CASE_SERVICES), "serviceIds are unique"


def test_every_socprot_request_must_be_signed_by_the_applicant() -> None:
    assert {service.service_id for service in SOCPROT.services} == {s.service_id for s in CASE_SERVICES}
    for service in SOCPROT.services:
        assert (service.payload_signature, service.signer_iin_field, service.contract) == ("required", "iin", "socprot")
