"""The hostile-XML corpus (tests/corpora/hostile-xml/cases.toml) against every channel of a real instance.

Every case must be refused with its documented code by the client hop, without a stack trace, within the
request's timeout, and the instance must stay within a bounded peak of memory and go on serving. The
instance runs in its own process (``qaqpa up``), so its peak resident memory is its own.
"""

from __future__ import annotations

import base64
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import httpx
import pytest
from lxml import etree

from gateway.testing import free_port
from tests.support.async_parties import message_info, send_message_envelope
from tests.support.processes import QaqpaProcess, running
from tests.support.shep import GBDFL_SERVICE, SOAP11, gbdfl_request, inline_data, read_fault, send_message

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "hostile-xml"
DEMO = ("DEMO_PORTAL", "demo")
PEAK_GROWTH_LIMIT = 128 * 1024 * 1024
"""How much the instance's peak resident memory may grow over the whole corpus: an entity expanded or a
body read without its limit costs far more (billion laughs alone is 3 GB)."""


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    body: bytes
    code: str
    content_type: str
    mock_code: str


def _cases() -> list[Case]:
    manifest = tomllib.loads((CORPUS / "cases.toml").read_text())
    return [_case(entry) for entry in manifest["case"]]


def _case(entry: dict[str, Any]) -> Case:
    if "file" in entry:
        body = (CORPUS / entry["file"]).read_bytes()
    else:
        body = b"".join(text.encode() * times for text, times in entry["parts"])
    return Case(
        entry["name"],
        entry["kind"],
        body,
        entry["code"],
        entry.get("content_type", "text/xml; charset=utf-8"),
        entry.get("mock_code", "Mock.InvalidRequest"),
    )


CASES = _cases()
ENVELOPES = [case for case in CASES if case.kind == "envelope"]
PAYLOADS = [case for case in CASES if case.kind == "payload"]


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QaqpaProcess]:
    data_dir = tmp_path_factory.mktemp("hostile-xml")
    with running(["up", "--population-size", "200"], data_dir, free_port()) as process:
        yield process


@pytest.fixture(scope="module")
def client(instance: QaqpaProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=instance.base_url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module", autouse=True)
def peak_before(instance: QaqpaProcess, client: httpx.Client) -> int:
    """The instance's peak resident memory once it has served a request, before any hostile one."""
    _serves(client)
    return instance.peak_memory()


def _serves(client: httpx.Client) -> None:
    iin = client.get("/api/v1/population/sample", params={"count": 1}).raise_for_status().json()
    body = send_message(inline_data(gbdfl_request(iin["iins"][0])))
    response = client.post("/bip-sync/", content=body, headers={"Content-Type": "text/xml; charset=utf-8"})
    assert response.status_code == 200, response.text[:500]


def _soap_refusal(response: httpx.Response, code: str) -> None:
    """A SOAP fault of either channel (their detail elements differ): its code, a message, the client hop."""
    assert b"Traceback" not in response.content
    assert response.status_code == 500, response.text[:500]
    fault = etree.fromstring(response.content).find(f"{{{SOAP11}}}Body/{{{SOAP11}}}Fault")
    assert fault is not None, response.text[:500]
    assert fault.findtext("detail//errorCode") == code, response.text[-1500:]
    assert fault.findtext("detail//errorMessage")
    assert (fault.findtext("faultactor") or "").startswith("urn:qaqpa:hop:client"), response.text[-1500:]


@pytest.mark.parametrize("case", ENVELOPES, ids=[case.name for case in ENVELOPES])
@pytest.mark.parametrize("path", ["/bip-sync/", "/bip-async/"])
def test_a_hostile_envelope_is_refused(client: httpx.Client, case: Case, path: str) -> None:
    response = client.post(path, content=case.body, headers={"Content-Type": case.content_type})
    _soap_refusal(response, case.code)


@pytest.mark.parametrize("case", ENVELOPES, ids=[case.name for case in ENVELOPES])
def test_a_mock_refuses_it_too(client: httpx.Client, case: Case) -> None:
    response = client.post("/mocks/gbdfl/", content=case.body, headers={"Content-Type": case.content_type})
    assert b"Traceback" not in response.content
    assert response.status_code == 500, response.text[:500]
    assert read_fault(response.content).code == case.mock_code


@pytest.mark.parametrize("case", PAYLOADS, ids=[case.name for case in PAYLOADS])
def test_a_hostile_payload_is_refused_on_the_sync_channel(client: httpx.Client, case: Case) -> None:
    body = send_message(f"<data>{escape(case.body.decode())}</data>")
    _soap_refusal(client.post("/bip-sync/", content=body, headers={"Content-Type": "text/xml"}), case.code)


@pytest.mark.parametrize("case", PAYLOADS, ids=[case.name for case in PAYLOADS])
def test_a_hostile_payload_is_refused_on_the_async_channel(client: httpx.Client, case: Case) -> None:
    data = etree.Element("data")
    data.text = case.body.decode()
    body = send_message_envelope(message_info(GBDFL_SERVICE, DEMO), data)
    _soap_refusal(client.post("/bip-async/", content=body, headers={"Content-Type": "text/xml"}), case.code)


@pytest.mark.parametrize("case", PAYLOADS, ids=[case.name for case in PAYLOADS])
def test_a_hostile_payload_is_refused_on_the_rest_channel(client: httpx.Client, case: Case) -> None:
    body = {"serviceId": GBDFL_SERVICE, "data": case.body.decode()}
    response = client.post("/api/v1/async/messages", json=body, headers=_basic(DEMO))
    assert b"Traceback" not in response.content
    assert response.status_code == 400, response.text[:500]
    refusal = response.json()
    assert (refusal["code"], refusal["hop"]) == (case.code, "client"), refusal
    assert refusal["message"]


def _basic(credentials: tuple[str, str]) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(":".join(credentials).encode()).decode()}


def test_after_the_corpus_memory_stayed_bounded_and_the_instance_serves(
    client: httpx.Client, instance: QaqpaProcess, peak_before: int
) -> None:
    """Runs after the cases above (pytest keeps a module's order)."""
    for case in CASES:  # once more, so that this test stands on its own when run alone
        client.post("/bip-sync/", content=case.body, headers={"Content-Type": case.content_type})
    growth = instance.peak_memory() - peak_before
    assert growth < PEAK_GROWTH_LIMIT, f"peak resident memory grew by {growth / 2**20:.0f} MiB"
    _serves(client)
