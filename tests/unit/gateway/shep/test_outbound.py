"""What the gateway sends is checked against contracts/ and a violation names the path in the document."""

from __future__ import annotations

import pytest
from lxml import etree

from contracts.loader import load_contracts
from contracts.shep import SUCCESS, ResponseInfo, Status, build_response
from gateway import errors
from gateway.settings import Settings
from gateway.shep.outbound import check_outbound


def _answer() -> etree._Element:
    info = ResponseInfo(
        message_id="m-1",
        correlation_id="c-1",
        response_date="2026-12-06T10:00:00+05:00",
        status=Status(SUCCESS, "Message has been processed successfully"),
        session_id="{8f2b1c3d-0a4e-4b5f-9c6d-7e8f9a0b1c2d}",
    )
    return build_response(info, etree.Element("data"))


def test_a_valid_answer_passes() -> None:
    check_outbound(load_contracts().sync_channel, _answer(), "the SendMessageResponse")


def test_an_answer_that_breaks_the_wsdl_is_a_gateway_fault_naming_the_path() -> None:
    answer = _answer()
    info = answer.find("response/responseInfo")
    assert info is not None
    info.remove(info.find("messageId"))  # type: ignore[arg-type]
    with pytest.raises(errors.OutboundSchemaViolation) as caught:
        check_outbound(load_contracts().sync_channel, answer, "the SendMessageResponse")
    fault = caught.value
    assert (fault.code, fault.hop) == ("Gateway.OutboundSchemaViolation", "gateway")
    assert "the SendMessageResponse" in fault.message
    assert fault.detail is not None and "/response/responseInfo" in fault.detail


@pytest.mark.parametrize(
    ("mode", "given", "expected"),
    [("dev", None, True), ("production", None, False), ("production", True, True), ("dev", False, False)],
)
def test_outbound_validation_is_on_by_default_in_dev_mode(mode: str, given: bool | None, expected: bool) -> None:
    settings = Settings(mode=mode, admin_token="a-real-secret", schema_validation=given)  # type: ignore[arg-type]
    assert settings.validates_outbound is expected
