"""A mock system as a ShEP provider: what it answers, and that it signs its answer in every payload style."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from lxml import etree

from contracts import namespaces as ns
from contracts.loader import load_contracts
from contracts.shep import PayloadStyle, RequestInfo, read_payload
from mocks.catalogue import MockService, MockSystem
from mocks.provider import create_provider_app
from mocks.storage import StorageUnavailable
from signing.verification import Expectation
from tests.support.pki import BIN, open_lab
from tests.support.shep import gbdfl_request, inline_data, response_wrapper, send_message

STYLES: tuple[PayloadStyle, ...] = ("inline", "element", "string")
SYSTEM = MockSystem(
    name="test",
    code="TEST",
    title="A test system",
    name_ru="Т",
    name_kz="Т",
    bin=BIN,
    organization="ТЕСТ",
    services=tuple(MockService(f"TEST_{style}", "sync", "answers", "gbdfl", style) for style in STYLES),
)


async def _answer(info: RequestInfo, request: etree._Element) -> etree._Element:
    response = etree.Element(ns.qname(ns.GBDFL_MESSAGE, "Response"), nsmap={"r": ns.GBDFL_MESSAGE})
    for name, value in (("messageId", "1"), ("messageDate", "2026-11-22T10:00:00+05:00"), ("requestId", "1")):
        etree.SubElement(response, name).text = value
    for name in ("sender", "receiver", "messageResult"):
        holder = etree.SubElement(response, name)
        for part in ("code", "nameRu", "nameKz"):
            etree.SubElement(holder, part).text = "x"
    return response


def _post(app: object, body: bytes) -> httpx.Response:
    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            return await client.post("/", content=body, headers={"Content-Type": "text/xml"})

    return asyncio.run(call())


@pytest.mark.parametrize("style", STYLES)
def test_the_answer_is_signed_by_the_operator_in_every_style(style: PayloadStyle, tmp_path: Path) -> None:
    lab = open_lab(tmp_path)
    key = lab.key("sign", bin_=BIN)
    handlers = {service.service_id: _answer for service in SYSTEM.services}
    app = create_provider_app(SYSTEM, handlers, lambda: datetime.now(UTC), signer=lambda _variant: key)
    response = _post(app, send_message(inline_data(gbdfl_request("061211600012")), service_id=f"TEST_{style}"))
    assert response.status_code == 200, response.text
    data = response_wrapper(response.content).find("response/responseData/data")
    assert data is not None
    contract = load_contracts().payload("gbdfl")
    payload = read_payload(data, contract.response_element)
    assert payload.style == style and payload.is_signed
    assert contract.schema.validate(payload.root), contract.schema.error_log
    (verdict,) = lab.verifier().verify_enveloped(payload.signed_document, Expectation(subject_kind="legal", bin=BIN))
    assert verdict.valid


def test_a_system_without_a_signer_answers_unsigned(tmp_path: Path) -> None:
    handlers = {service.service_id: _answer for service in SYSTEM.services}
    app = create_provider_app(SYSTEM, handlers, lambda: datetime.now(UTC))
    response = _post(app, send_message(inline_data(gbdfl_request("061211600012")), service_id="TEST_inline"))
    data = response_wrapper(response.content).find("response/responseData/data")
    assert data is not None and data.find(f"{{{ns.DS}}}Signature") is None


def test_every_service_needs_a_handler() -> None:
    with pytest.raises(ValueError, match="no handler"):
        create_provider_app(SYSTEM, {}, lambda: datetime.now(UTC))


def test_a_system_whose_database_is_away_says_so_with_503() -> None:
    """Not now rather than not this: the gateway answers Provider.Unavailable, and its courier tries again."""

    async def away(info: RequestInfo, request: etree._Element) -> etree._Element:
        raise StorageUnavailable("the database is unavailable (OperationalError: connection refused)")

    app = create_provider_app(
        SYSTEM, {service.service_id: away for service in SYSTEM.services}, lambda: datetime.now(UTC)
    )
    answer = _post(app, send_message(inline_data(gbdfl_request("061211600012")), service_id="TEST_inline"))
    assert answer.status_code == 503
    assert etree.fromstring(answer.content).findtext(".//errorCode") == "Mock.StorageUnavailable"
    assert "connection refused" not in answer.text  # the database's address and error stay in the mock's log
