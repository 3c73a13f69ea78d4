"""Bounded fuzzing in every suite run: libFuzzer (atheris) on the parser and the verifier, and hypothesis's
generated requests on the SOAP and REST channels of a live gateway. Nothing may escape as an unexpected
exception, and no request may get a 500 that is not a documented client fault."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.gateway import LiveGateway
from tests.support.shep import gbdfl_request, inline_data, send_message

ROOT = Path(__file__).resolve().parents[2]
FUZZ_SECONDS = 20


@pytest.mark.parametrize("target", ["parser", "verifier"])
def test_libfuzzer_finds_nothing_escaping(target: str, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "tests.fuzz.run", target, f"-max_total_time={FUZZ_SECONDS}"]
    command += ["-rss_limit_mb=1536", f"-artifact_prefix={tmp_path}/"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=FUZZ_SECONDS + 120)
    report = run.stderr[-4000:]
    assert run.returncode == 0, f"the fuzzer found an input that escapes:\n{report}"
    assert "Done" in report and " runs in " in report, report


# --- hypothesis on the channels -----------------------------------------------------------------------------

VALID = send_message(inline_data(gbdfl_request("061211600012"))).decode()
FRAGMENTS = [
    "<",
    ">",
    "</",
    "/>",
    "&",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?xml",
    "?>",
    "<!DOCTYPE",
    "xmlns=",
    "xmlns:soapenv=",
    '"',
    "'",
    "=",
    "\x00",
    "\ufeff",
    "Ж",
    "\udcff",
    "soapenv:Envelope",
    "soapenv:Body",
    "sync:SendMessage",
    "requestInfo",
    "requestData",
    "data",
]
"""Pieces of XML and of a SendMessage, for hypothesis to splice into a valid request."""


def _mutants() -> st.SearchStrategy[bytes]:
    """A valid SendMessage with a slice replaced by fragments and text, or arbitrary bytes."""
    splice = st.builds(
        lambda start, length, inserted: (VALID[:start] + inserted + VALID[start + length :]).encode(
            "utf-8", errors="surrogatepass"
        ),
        st.integers(0, len(VALID)),
        st.integers(0, 80),
        st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=6).map("".join),
    )
    return splice | st.binary(max_size=400)


def _documented_answer(response: httpx.Response) -> None:
    assert b"Traceback" not in response.content
    if response.status_code == 200:
        return
    assert response.status_code in (415, 500), response.text[:500]
    if response.status_code == 500:
        assert b"<errorCode>" in response.content, response.text[:500]
        assert b"Gateway.InternalError" not in response.content, response.text[-2000:]


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


@pytest.mark.parametrize("path", ["/bip-sync/", "/bip-async/"])
def test_generated_soap_requests_get_answers_or_documented_faults(gateway: LiveGateway, path: str) -> None:
    @FUZZ
    @given(body=_mutants())
    def property_(body: bytes) -> None:
        response = gateway.http.post(path, content=body, headers={"Content-Type": "text/xml; charset=utf-8"})
        _documented_answer(response)

    property_()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=8,
)


def test_generated_rest_requests_get_answers_or_documented_problems(gateway: LiveGateway) -> None:
    fields = st.fixed_dictionaries(
        {},
        optional={
            "serviceId": st.sampled_from(["GBDFL_UniversalServiceSync", "NOPE", ""]) | st.text(max_size=30),
            "data": st.sampled_from(["<x/>", VALID, "<!DOCTYPE x []><x/>"]) | st.text(max_size=60),
            "correlationId": st.text(max_size=40),
            "messageType": st.sampled_from(["REQUEST", "RESPONSE", "NOTIFICATION"]) | st.text(max_size=10),
        },
    )

    @FUZZ
    @given(body=fields | JSON_VALUES)
    def property_(body: object) -> None:
        response = gateway.http.post(
            "/api/v1/async/messages",
            content=json.dumps(body),
            headers={"Content-Type": "application/json"},
            auth=("DEMO_PORTAL", "demo"),
        )
        assert b"Traceback" not in response.content
        assert response.status_code < 500, response.text[:500]
        if response.status_code >= 400:
            problem = response.json()
            assert problem["code"] and problem["message"] and problem["hop"] == "client", problem

    property_()


# --- what they found, pinned ----------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["serviceId", "correlationId", "messageId", "data"])
def test_a_rest_field_with_a_character_xml_cannot_carry_is_a_schema_violation(gateway: LiveGateway, field: str) -> None:
    body = {"serviceId": "GBDFL_UniversalServiceSync", "data": "<x/>", field: "a\x00b"}
    response = gateway.http.post("/api/v1/async/messages", json=body, auth=("DEMO_PORTAL", "demo"))
    assert (response.status_code, response.json()["code"]) == (400, "Client.SchemaViolation"), response.text
    assert "cannot be carried in XML" in response.text


def test_a_relative_namespace_name_in_a_request_is_malformed_xml(gateway: LiveGateway) -> None:
    body = VALID.replace('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"', 'xmlns:xsi="//www.w3.org/x"')
    assert body != VALID
    response = gateway.http.post("/bip-sync/", content=body.encode(), headers={"Content-Type": "text/xml"})
    assert response.status_code == 500 and b"<errorCode>Client.MalformedXml</errorCode>" in response.content
