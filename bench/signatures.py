"""What a signature costs, per message, with keys, schemas and the trust store built once.

    make bench            (or: .venv/bin/python -m bench.signatures [--seconds N])

Prints a table and writes it, with the machine's details, to bench/results/signatures-<date>.md. The
figures are measurements of this machine, never assertions: tests do not look at them.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import xmlsec
from lxml import etree

from bench._report import machine, percentile, publish
from contracts import soap
from signing.verification import Expectation
from signing.xmldsig import sign_envelope, sign_enveloped
from tests.support.pki import BIN, IIN, open_lab

# A ~2 KB ГБД ФЛ-like payload: the size the published per-operation figures assume (notes §A.8).
PAYLOAD = (
    '<m:Response xmlns:m="http://message.persistence.interactive.nat"><messageId>1</messageId>'
    + "".join(f"<person><iin>{IIN}</iin><surname>СӘРСЕНБАЕВ</surname><name>ӘЛИ</name></person>" for _ in range(18))
    + "</m:Response>"
)


def _measure(operation: Callable[[], object], seconds: float) -> tuple[int, float, float]:
    """Runs for ``seconds``; returns (count, median µs, 99th percentile µs)."""
    samples: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - started) * 1e6)
    samples.sort()
    return len(samples), statistics.median(samples), percentile(samples, 0.99)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per operation [default: 2]")
    arguments = parser.parse_args()

    lab = open_lab(Path(tempfile.mkdtemp(prefix="qaqpa-bench-")))
    person, company = lab.key("sign"), lab.key("sign", bin_=BIN)
    verifier, verifier_no_revocation = lab.verifier(), lab.verifier(check="none")

    document = etree.fromstring(PAYLOAD.encode())
    sign_enveloped(document, person)
    signed_document = etree.tostring(document)
    envelope = soap.build_envelope(etree.fromstring(PAYLOAD.encode()))
    sign_envelope(envelope, company)
    signed_envelope = etree.tostring(envelope)
    legal = Expectation(key_kind="any", subject_kind="legal")

    def sign_payload() -> None:
        sign_enveloped(etree.fromstring(PAYLOAD.encode()), person)

    def sign_transport() -> None:
        sign_envelope(soap.build_envelope(etree.fromstring(PAYLOAD.encode())), company)

    operations: list[tuple[str, Callable[[], object]]] = [
        ("sign, enveloped (Kalkan shape)", sign_payload),
        ("sign, WS-Security over the Body", sign_transport),
        ("verify, enveloped, full pipeline (chain, CRL, OCSP, profile)",
         lambda: verifier.verify_enveloped(etree.fromstring(signed_document), Expectation(iin=IIN))),
        ("verify, enveloped, no revocation check",
         lambda: verifier_no_revocation.verify_enveloped(etree.fromstring(signed_document), Expectation())),
        ("verify, WS-Security, full pipeline",
         lambda: verifier.verify_transport(etree.fromstring(signed_envelope), legal)),
    ]  # fmt: skip

    rows = []
    for name, operation in operations:
        count, median, p99 = _measure(operation, arguments.seconds)
        rows.append(f"| {name} | {count / arguments.seconds:,.0f} | {median:,.0f} | {p99:,.0f} |")
    table = "\n".join(
        ["| operation (one core, ~2 KB message) | per second | median µs | p99 µs |", "|---|---:|---:|---:|", *rows]
    )
    libxmlsec = getattr(xmlsec, "get_libxmlsec_version")()  # noqa: B009 - present at run time, absent from the stubs
    details = machine(
        f"libxmlsec1 {'.'.join(map(str, libxmlsec))}", f"libxml2 {'.'.join(map(str, xmlsec.get_libxml_version()))}"
    )
    publish("signatures", "Signatures", details, table)


if __name__ == "__main__":
    main()
