"""The portal's own tests, written with Qaqpa's pytest plugin: the government side is the `qaqpa` fixtures."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import zeep
from portal_client import PensionPortal, person_surname

from gateway.testing import Sandbox

PORTAL_BIN = "120440000008"  # the portal operator's (simulated) BIN, on its transport certificate


@pytest.fixture
def portal(qaqpa: Sandbox, qaqpa_zeep: Callable[..., zeep.Client]) -> PensionPortal:
    system_key = qaqpa.key("900101300017", bin_=PORTAL_BIN)
    return PensionPortal(qaqpa_zeep(transport_key=system_key), "DEMO_PORTAL_STRICT", "demo")


def test_a_pensioner_learns_the_pension_is_assigned(qaqpa: Sandbox, portal: PensionPortal) -> None:
    iin = qaqpa.citizens(where="pensioner")[0]
    answer = portal.age_pension_information(iin, applicant=qaqpa.key(iin))
    assert (answer.state, answer.decision) == ("decided", "answered")
    qaqpa.assert_received("emaket", iin=iin)


def test_a_request_signed_by_someone_else_is_refused(qaqpa: Sandbox, portal: PensionPortal) -> None:
    iin, other = qaqpa.citizens(where="pensioner", count=2)
    with pytest.raises(zeep.exceptions.Fault) as refused:
        portal.age_pension_information(iin, applicant=qaqpa.key(other))
    assert "IinMismatch" in str(refused.value.detail[0].findtext("errorCode"))


def test_the_back_end_reaches_the_sandbox_at_the_production_address_without_a_socket(
    qaqpa: Sandbox, qaqpa_respx: object
) -> None:
    iin = qaqpa.citizens()[0]
    with httpx.Client(base_url="https://shep.test") as production:
        assert person_surname(production, iin, "DEMO_PORTAL", "demo")
        qaqpa.inject("gbdfl", "soap-fault", times=1, code="GBDFL.Busy")
        with pytest.raises(RuntimeError, match="Provider.Fault"):
            person_surname(production, iin, "DEMO_PORTAL", "demo")
        assert person_surname(production, iin, "DEMO_PORTAL", "demo"), "recovered after one call"


def test_the_next_test_sees_no_fault_of_the_last(qaqpa: Sandbox) -> None:
    qaqpa.inject("gbdfl", "hang")
    qaqpa.reset()
    assert qaqpa.http.get("/api/v1/mocks/gbdfl/faults").json()["faults"] == []
