"""Interoperability both ways, with verifiers that share no code with Qaqpa: Debian's ``xmlsec1`` (libxmlsec1)
and the JDK's ``javax.xml.crypto.dsig`` (shared/notes/signing-kz-pki-xmldsig.md §3)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from lxml import etree

from contracts import soap
from contracts.loader import CONTRACTS_DIR
from signing.verification import Expectation
from signing.xmldsig import SigningKey, sign_envelope, sign_enveloped
from tests.support.pki import BIN, IIN, Lab, open_lab
from tests.support.tools import require

JAVA_VERIFIER = Path(__file__).resolve().parent / "java" / "QaqpaVerify.java"
REQUEST = f'<m:Request xmlns:m="http://message.persistence.interactive.nat"><iin>{IIN}</iin></m:Request>'


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return open_lab(tmp_path_factory.mktemp("interop-pki"))


@pytest.fixture(scope="module")
def files(lab: Lab, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """PEM files of the CA and of a legal entity's and an individual's signing keys."""
    directory = tmp_path_factory.mktemp("interop-files")
    paths = {"root": directory / "root.pem", "ca": directory / "ca.pem"}
    paths["root"].write_bytes(lab.authority.root.certificate_pem())
    paths["ca"].write_bytes(lab.authority.issuing.certificate_pem())
    for name, bin_ in (("person", None), ("company", BIN)):
        issued = lab.issue("sign", bin_=bin_)
        paths[f"{name}.key"] = directory / f"{name}.key"
        paths[f"{name}.crt"] = directory / f"{name}.crt"
        paths[f"{name}.key"].write_bytes(issued.private_key_pem())
        paths[f"{name}.crt"].write_bytes(issued.certificate_pem())
    return paths


def _key(files: dict[str, Path], name: str) -> SigningKey:
    return SigningKey.from_pem(files[f"{name}.key"].read_bytes(), files[f"{name}.crt"].read_bytes())


def _write(tmp_path: Path, name: str, root: etree._Element) -> Path:
    path = tmp_path / name
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def _enveloped(files: dict[str, Path], tmp_path: Path, tamper: bool = False) -> Path:
    root = etree.fromstring(REQUEST.encode())
    sign_enveloped(root, _key(files, "person"))
    if tamper:
        iin = root.find("iin")
        assert iin is not None
        iin.text = "850808310738"
    return _write(tmp_path, "enveloped.xml", root)


def _transport(files: dict[str, Path], tmp_path: Path) -> Path:
    envelope = soap.build_envelope(etree.fromstring(REQUEST.encode()))
    sign_envelope(envelope, _key(files, "company"))
    return _write(tmp_path, "envelope.xml", envelope)


def _xmlsec1(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([require("xmlsec1"), *map(str, arguments)], capture_output=True, text=True, timeout=60)


def _java(document: Path, files: dict[str, Path], *extra: str) -> subprocess.CompletedProcess[str]:
    command = [require("java"), str(JAVA_VERIFIER), str(document), str(files["root"]), str(files["ca"]), *extra]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


# --- Qaqpa signs, others verify ---------------------------------------------------------------------------


def test_xmlsec1_verifies_a_qaqpa_enveloped_signature_against_the_ca(files: dict[str, Path], tmp_path: Path) -> None:
    chain = ("--trusted-pem", files["root"], "--untrusted-pem", files["ca"], "--enabled-key-data", "x509")
    good = _xmlsec1("--verify", *chain, _enveloped(files, tmp_path))
    assert good.returncode == 0, good.stderr
    assert "OK" in good.stdout + good.stderr
    tampered = _xmlsec1("--verify", *chain, _enveloped(files, tmp_path, tamper=True))
    assert tampered.returncode != 0, "xmlsec1 must refuse a changed document, or it proves nothing"


def test_xmlsec1_verifies_a_qaqpa_ws_security_signature(files: dict[str, Path], tmp_path: Path) -> None:
    # xmlsec1 does not read a certificate from wsse:KeyIdentifier, so the key is given to it.
    result = _xmlsec1(
        "--verify",
        "--pubkey-cert-pem",
        files["company.crt"],
        "--id-attr:Id",
        "http://schemas.xmlsoap.org/soap/envelope/:Body",
        _transport(files, tmp_path),
    )
    assert result.returncode == 0, result.stderr


def test_the_jdk_verifies_qaqpa_signatures(files: dict[str, Path], tmp_path: Path) -> None:
    enveloped = _java(_enveloped(files, tmp_path), files)
    assert enveloped.returncode == 0 and enveloped.stdout.startswith("VALID references: ''"), (
        enveloped.stdout + enveloped.stderr
    )
    transport = _java(_transport(files, tmp_path), files, "--wss")
    assert transport.returncode == 0 and transport.stdout.startswith("VALID references: '#id-"), transport.stderr
    tampered = _java(_enveloped(files, tmp_path, tamper=True), files)
    assert tampered.returncode == 1 and tampered.stdout.startswith("INVALID"), tampered.stderr


# --- others sign, Qaqpa verifies --------------------------------------------------------------------------


def test_qaqpa_verifies_what_xmlsec1_signs_over_its_templates(lab: Lab, files: dict[str, Path], tmp_path: Path) -> None:
    examples = CONTRACTS_DIR / "examples"
    payload_out = tmp_path / "payload.xml"
    signed = _xmlsec1(
        "--sign",
        "--privkey-pem",
        f"{files['person.key']},{files['person.crt']}",
        "--output",
        payload_out,
        examples / "gbdfl-request-signature-template.xml",
    )
    assert signed.returncode == 0, signed.stderr
    (verdict,) = lab.verifier().verify_enveloped(etree.fromstring(payload_out.read_bytes()), Expectation(iin=IIN))
    assert verdict.valid

    envelope_out = tmp_path / "envelope.xml"
    signed = _xmlsec1(
        "--sign",
        "--privkey-pem",
        f"{files['company.key']},{files['company.crt']}",
        "--id-attr:Id",
        "http://schemas.xmlsoap.org/soap/envelope/:Body",
        "--output",
        envelope_out,
        examples / "sendmessage-wss-template.xml",
    )
    assert signed.returncode == 0, signed.stderr
    verdict = lab.verifier().verify_transport(
        etree.fromstring(envelope_out.read_bytes()), Expectation(key_kind="any", subject_kind="legal", bin=BIN)
    )
    assert verdict.valid
