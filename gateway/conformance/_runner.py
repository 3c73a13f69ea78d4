"""The checks of one system's contract, run request by request over real HTTP."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import httpx
from lxml import etree

from contracts import errors as contract_errors
from contracts import namespaces as ns
from contracts import soap
from contracts.loader import Contracts, PayloadContract, example_request, load_contracts, validate
from contracts.parsing import DEFAULT_LIMITS, parse_untrusted
from contracts.shep import (
    FAULT_DETAIL,
    SEND_MESSAGE_RESPONSE,
    SUCCESS,
    Payload,
    RequestInfo,
    build_request,
    canonicalize,
    read_payload,
    read_response,
    write_payload,
    xml_datetime,
)
from gateway.conformance._report import Finding, Report
from mocks.catalogue import MockService, MockSystem
from signing.errors import SignatureRejected
from signing.verification import Expectation, Verifier
from signing.xmldsig import SigningKey, sign_envelope

SignaturePolicy = Literal["required", "optional", "none"]

SENDER_ID = "QAQPA_CONFORMANCE"
UNKNOWN_SERVICE = "QAQPA_ConformanceNoSuchService"
_XML = "text/xml; charset=utf-8"


class _Failed(Exception):
    """One check failed on one request; the message says how, ``check`` which (else the caller's)."""

    def __init__(self, message: str, check: str | None = None) -> None:
        super().__init__(message)
        self.check = check


@dataclass(frozen=True, slots=True)
class Target:
    """What is checked, and how strictly."""

    system: MockSystem
    url: str
    timeout_seconds: float = 10.0
    """The window the gateway gives a provider (settings ``provider_timeout_seconds``)."""
    signature: SignaturePolicy = "required"
    expect_bin: str | None = None
    """The BIN the answers' signing certificate must carry; None: any legal entity."""


def check_system(
    target: Target,
    iins: Sequence[str],
    *,
    verifier: Verifier | None,
    signer: SigningKey | None,
    client: httpx.Client | None = None,
    now: Callable[[], datetime] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Every check of ``target``'s services, each over every IIN in ``iins``; ``progress(done, total)`` is
    told after each serviceId and after the unknown-serviceId check."""
    runner = _Runner(target, verifier, signer, client or httpx.Client(), now or _now, load_contracts())
    services = target.system.services
    tell = progress or (lambda done, total: None)
    try:
        report = Report(system=target.system.code, url=target.url)
        for done, service in enumerate(services, start=1):
            report.findings += runner.service_checks(service, iins)
            tell(done, len(services) + 1)
        report.findings.append(runner.unknown_service(services[0], iins[0]))
        tell(len(services) + 1, len(services) + 1)
        return report
    finally:
        if client is None:
            runner.client.close()


def _now() -> datetime:
    return datetime.now().astimezone()


class _Runner:
    def __init__(
        self,
        target: Target,
        verifier: Verifier | None,
        signer: SigningKey | None,
        client: httpx.Client,
        now: Callable[[], datetime],
        contracts: Contracts,
    ) -> None:
        if target.signature != "none" and verifier is None:
            raise ValueError("checking signatures needs a verifier (the instance's trust store)")
        self.target = target
        self.verifier = verifier
        self.signer = signer
        self.client = client
        self.now = now
        self.contracts = contracts

    # --- the checks --------------------------------------------------------------------------------------

    def service_checks(self, service: MockService, iins: Sequence[str]) -> list[Finding]:
        contract = self.contracts.payload(service.contract)
        failures: dict[str, str] = {}
        took: list[float] = []
        answered = valid = 0
        for iin in iins:
            started = time.perf_counter()
            try:
                response = self._post(self._envelope(service, example_request(service.service_id, iin=iin)))
            except _Failed as failure:
                failures.setdefault(failure.check or "answer", f"iin {iin}: {failure}")
                continue
            seconds = time.perf_counter() - started
            took.append(seconds)
            if seconds > self.target.timeout_seconds:
                failures.setdefault(
                    "answer time", f"iin {iin}: {seconds:.1f} s, over the window of {self.target.timeout_seconds:g} s"
                )
            try:
                data = self._answer(response, service)
            except _Failed as failure:
                failures.setdefault("answer", f"iin {iin}: {failure}")
                continue
            answered += 1
            try:
                payload = self._payload_of(data, contract, service)
            except _Failed as failure:
                failures.setdefault("payload", f"iin {iin}: {failure}")
                continue
            valid += 1
            try:
                self._signature(payload, response.content)
            except _Failed as failure:
                failures.setdefault("signature", f"iin {iin}: {failure}")
        asked = len(iins)
        if not took:
            failures.setdefault("answer time", "not reached: no answer came")
        if not answered:
            failures.setdefault("payload", "not reached: no valid answer to check")
        if not valid and self.target.signature != "none":
            failures.setdefault("signature", "not reached: no answer with a valid payload to check")
        passes = {
            "answer": f"{answered} of {asked} answered with a valid SendMessageResponse ({SUCCESS})",
            "payload": f"every answer valid by {contract.schema_file}",
            "signature": self._signature_pass(),
            "answer time": _times(took, self.target.timeout_seconds),
        }
        findings = [
            Finding(
                service.service_id,
                check,
                check not in failures,
                failures.get(check, passed),
                sum(took) if check == "answer time" else 0.0,  # the requests' time, counted once
            )
            for check, passed in passes.items()
        ]
        findings.append(self.fault_shape(service, iins[0]))
        return findings

    def fault_shape(self, service: MockService, iin: str) -> Finding:
        """A payload without its ``senderCode`` breaks every request schema: a SOAP Fault must answer it."""
        broken = example_request(service.service_id, iin=iin)
        for element in broken.findall("senderCode"):
            broken.remove(element)
        return self._expect_fault(service.service_id, "fault shape", self._envelope(service, broken))

    def unknown_service(self, service: MockService, iin: str) -> Finding:
        envelope = self._envelope(service, example_request(service.service_id, iin=iin), service_id=UNKNOWN_SERVICE)
        return self._expect_fault(self.target.system.code, "unknown serviceId", envelope)

    def _expect_fault(self, subject: str, check: str, envelope: bytes) -> Finding:
        started = time.perf_counter()
        try:
            response = self._post(envelope)
            detail = self._fault(response)
        except _Failed as failure:
            return Finding(subject, check, False, str(failure), time.perf_counter() - started)
        return Finding(subject, check, True, detail, time.perf_counter() - started)

    # --- one request -------------------------------------------------------------------------------------

    def _envelope(self, service: MockService, payload: etree._Element, *, service_id: str | None = None) -> bytes:
        contract = self.contracts.payload(service.contract)
        stamp = xml_datetime(self.now())
        for name, value in (("messageId", str(uuid.uuid4())), ("messageDate", stamp)):
            element = payload.find(name)
            if element is not None:
                element.text = value
        data = write_payload(Payload(payload, "element"), service.payload_style, contract.request_type)
        info = RequestInfo(
            message_id=str(uuid.uuid4()),
            service_id=service_id or service.service_id,
            message_date=stamp,
            sender_id=SENDER_ID,
            session_id=f"{{{uuid.uuid4()}}}",
        )
        envelope = soap.build_envelope(build_request(info, data))
        if self.signer is not None:
            sign_envelope(envelope, self.signer)  # as the gateway signs its provider hop
        return soap.serialize(envelope)

    def _post(self, body: bytes) -> httpx.Response:
        try:
            return self.client.post(
                self.target.url, content=body, headers={"Content-Type": _XML}, timeout=self.target.timeout_seconds
            )
        except httpx.TimeoutException:
            raise _Failed(f"no answer within the window of {self.target.timeout_seconds:g} s", "answer time") from None
        except httpx.TransportError as error:
            raise _Failed(f"no answer: {type(error).__name__} {error}".rstrip()) from None

    def _answer(self, response: httpx.Response, service: MockService) -> etree._Element:
        """The answer's ``responseData/data`` once the envelope is what ShEP expects."""
        envelope = self._envelope_of(response)
        if envelope.is_fault:
            fault = soap.read_fault(envelope.payload)
            raise _Failed(f"a SOAP Fault instead of an answer: {fault.code} {fault.string}")
        if response.status_code != 200:
            raise _Failed(f"HTTP {response.status_code} with an answer (ShEP answers 200)")
        wrapper = envelope.payload
        if wrapper.tag != SEND_MESSAGE_RESPONSE:
            raise _Failed(f"the Body holds {ns.tag_of(wrapper)}, not SendMessageResponse")
        try:
            canonicalize(wrapper)
            validate(self.contracts.sync_channel, wrapper, "the SendMessageResponse")
        except contract_errors.ContractError as error:
            raise _Failed(_described(error)) from None
        info, data = read_response(wrapper)
        if info.status.code != SUCCESS:
            raise _Failed(f"status {info.status.code} ({info.status.message}), not {SUCCESS}")
        return data

    def _payload_of(self, data: etree._Element, contract: PayloadContract, service: MockService) -> Payload:
        what = f"the {service.service_id} answer payload"
        try:
            payload = read_payload(data, contract.response_element, limits=DEFAULT_LIMITS, what=what)
            validate(contract.schema, payload.root, what)
        except contract_errors.ContractError as error:
            raise _Failed(_described(error)) from None
        if payload.root.find("messageResult/code") is None:
            raise _Failed(f"{what} has no messageResult/code")
        return payload

    def _signature(self, payload: Payload, body: bytes) -> None:
        policy = self.target.signature
        if policy == "none" or (policy == "optional" and not payload.is_signed):
            return
        assert self.verifier is not None
        if not payload.is_signed:
            raise _Failed("Missing: the answer payload carries no enveloped ds:Signature")
        expectation = Expectation(key_kind="sign", subject_kind="legal", bin=self.target.expect_bin)
        try:
            self.verifier.verify_enveloped(payload.signed_document, expectation, source=payload.text or body)
        except SignatureRejected as rejected:
            raise _Failed(f"{rejected.reason}: {rejected.message}") from None

    def _signature_pass(self) -> str:
        if self.target.signature == "none":
            return "not checked (--signature none)"
        whose = f"BIN {self.target.expect_bin}" if self.target.expect_bin else "a legal entity"
        return f"every answer signed by {whose}'s SIGN certificate, valid and unrevoked"

    def _fault(self, response: httpx.Response) -> str:
        envelope = self._envelope_of(response)
        if not envelope.is_fault:
            raise _Failed(f"HTTP {response.status_code} with {ns.tag_of(envelope.payload)}, not a SOAP Fault")
        if response.status_code != 500:
            raise _Failed(f"a SOAP Fault with HTTP {response.status_code} (SOAP 1.1 faults travel with 500)")
        fault = soap.read_fault(envelope.payload)
        if not fault.code or not fault.string:
            raise _Failed("the SOAP Fault lacks faultcode or faultstring")
        detail = None if fault.detail is None else fault.detail.find(FAULT_DETAIL)
        if detail is None:
            raise _Failed(f"the SOAP Fault's detail has no {ns.tag_of(etree.Element(FAULT_DETAIL))} (ErrorInfo)")
        try:
            validate(self.contracts.sync_channel, detail, "the fault's ErrorInfo")
        except contract_errors.SchemaViolation as error:
            raise _Failed(_described(error)) from None
        return f"SOAP Fault {fault.code}, errorCode {detail.findtext('errorCode')}"

    def _envelope_of(self, response: httpx.Response) -> soap.Envelope:
        try:
            root = parse_untrusted(response.content, DEFAULT_LIMITS, what="the answer")
            return soap.read_envelope(root, "the answer")
        except contract_errors.ContractError as error:
            raise _Failed(f"HTTP {response.status_code}: {error}") from None


def _described(error: contract_errors.ContractError) -> str:
    if isinstance(error, contract_errors.SchemaViolation):
        return "\n".join([f"{error.what} does not match its schema:", *(f"  {issue}" for issue in error.issues)])
    return str(error)


def _times(took: Sequence[float], window: float) -> str:
    if not took:
        return ""
    return f"{len(took)} answers in {min(took) * 1000:.0f}-{max(took) * 1000:.0f} ms (window {window:g} s)"
