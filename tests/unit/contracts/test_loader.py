from __future__ import annotations

import pytest
from lxml import etree

from contracts import namespaces as ns
from contracts.errors import SchemaViolation
from contracts.loader import EXAMPLE_REQUESTS_DIR, example_request, load_contracts, validate
from mocks import SYSTEMS


def test_schemas_are_compiled_once() -> None:
    assert load_contracts() is load_contracts()


def test_a_violation_names_line_and_path() -> None:
    contract = load_contracts().payload("gbdfl")
    request = etree.fromstring(
        f'<m:Request xmlns:m="{ns.GBDFL_MESSAGE}">\n<messageId>1</messageId>\n<messageDate>yesterday</messageDate>'
        "<senderCode>X</senderCode></m:Request>".encode()
    )
    with pytest.raises(SchemaViolation) as raised:
        validate(contract.schema, request, "payload")
    issue = raised.value.issues[0]
    assert issue.line == 3 and issue.path.endswith("messageDate") and "dateTime" in issue.message
    assert str(raised.value).startswith("payload does not match its schema: line 3")


def test_the_channel_schema_knows_every_payload_type() -> None:
    contracts = load_contracts()
    for contract in contracts.payloads.values():
        namespace, local = ns.split_qname(contract.request_type)
        data = f'<data xmlns:xsi="{ns.XSI}" xmlns:p="{namespace}" xsi:type="p:{local}"><messageId>1</messageId></data>'
        document = (
            f'<s:SendMessage xmlns:s="{ns.SYNC_WRAPPER}"><request><requestInfo><messageId>1</messageId>'
            "<serviceId>x</serviceId><messageDate>2026-01-01T00:00:00Z</messageDate><sender><senderId>s</senderId>"
            f"</sender></requestInfo><requestData>{data}</requestData></request></s:SendMessage>"
        )
        assert not contracts.sync_channel.validate(etree.fromstring(document.encode()))
        log = str(contracts.sync_channel.error_log)
        # The type resolved, so the payload itself was checked: it lacks its messageDate.
        assert "does not resolve" not in log and "messageDate" in log


def test_every_mock_service_has_a_golden_request_valid_by_its_schema() -> None:
    contracts = load_contracts()
    service_ids = set()
    for system in SYSTEMS:
        for service in system.services:
            service_ids.add(service.service_id)
            contract = contracts.payload(service.contract)
            request = example_request(service.service_id)
            assert request.tag == contract.request_element
            validate(contract.schema, request, service.service_id)
    assert {path.stem for path in EXAMPLE_REQUESTS_DIR.glob("*.xml")} == service_ids, "an example for no service"
