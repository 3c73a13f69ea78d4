"""libFuzzer (atheris) on what reads XML from outside: the hardened parser, and the signature verifier.

    .venv/bin/python -m tests.fuzz.run parser   -max_total_time=60
    .venv/bin/python -m tests.fuzz.run verifier -max_total_time=60 -rss_limit_mb=1024

``parser`` feeds arbitrary bytes to ``contracts.parsing.parse_untrusted``: it must return a root element or
refuse with an ``XmlRejected``. ``verifier`` splices the fuzzer's bytes into a validly signed request (the
test PKI made at start) and verifies what still parses: it must return verdicts or refuse with a
``SignatureRejected``. Anything else escapes, and libFuzzer reports it with the input that caused it.
tests/integration/test_fuzzing.py runs both for a bounded time in every suite run.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from lxml import etree

    from contracts.errors import XmlRejected
    from contracts.parsing import parse_untrusted
    from signing.errors import SignatureRejected
    from signing.verification import Expectation
    from signing.xmldsig import sign_enveloped
    from tests.support.pki import IIN, open_lab

REQUEST = f'<m:Request xmlns:m="http://message.persistence.interactive.nat"><iin>{IIN}</iin></m:Request>'


def parser(data: bytes) -> None:
    with contextlib.suppress(XmlRejected):
        parse_untrusted(data)


def verifier() -> Callable[[bytes], None]:
    lab = open_lab(Path(tempfile.mkdtemp(prefix="qaqpa-fuzz-pki-")))
    check = lab.verifier()
    root = etree.fromstring(REQUEST.encode())
    sign_enveloped(root, lab.key("sign"))
    signed = etree.tostring(root)

    def verify(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        start = provider.ConsumeIntInRange(0, len(signed))
        end = provider.ConsumeIntInRange(start, len(signed))
        document = signed[:start] + provider.ConsumeBytes(provider.remaining_bytes()) + signed[end:]
        try:
            parsed = parse_untrusted(document)
            check.verify_enveloped(parsed, Expectation(), source=document)
        except (XmlRejected, SignatureRejected):
            pass

    return verify


def main() -> None:
    target = sys.argv.pop(1) if len(sys.argv) > 1 else ""
    targets: dict[str, Callable[[], Callable[[bytes], None]]] = {"parser": lambda: parser, "verifier": verifier}
    if target not in targets:
        raise SystemExit(f"usage: python -m tests.fuzz.run {'|'.join(targets)} [libFuzzer options]")
    atheris.Setup(sys.argv, targets[target]())
    atheris.Fuzz()


if __name__ == "__main__":
    main()
