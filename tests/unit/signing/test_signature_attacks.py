"""The signature-attack corpus (tests/corpora/signature-attacks/cases.toml): every case is signed here with a
throw-away PKI, edited as the file says, and must be refused by the verifier with its own reason.

The file is the corpus; this module only knows how to sign, edit and verify. Its forms are described at the
top of the file.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import xmlsec
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from contracts import namespaces as ns
from contracts import soap
from signing.errors import REASONS, SignatureRejected
from signing.verification import Expectation, Verifier
from signing.xmldsig import SigningKey, sign_envelope, sign_enveloped
from tests.support.pki import BIN, IIN, OTHER_IIN, FixedRevocationSource, Lab, forged_crl, open_lab

CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "signature-attacks" / "cases.toml"
PREFIXES = {"ds": ns.DS, "soap": ns.SOAP11_ENV, "wsse": ns.WSSE, "wsu": ns.WSU, "m": ns.GBDFL_MESSAGE}
REQUEST = "<m:Request xmlns:m='{m}'><messageId>1</messageId><iin>{IIN}</iin></m:Request>"
DOCUMENTS = ("request", "envelope", "unsigned")
UNCOVERED_REASONS = {"SignatureInvalid"}
"""Reasons no attack here reaches: a signature that fails with its digest and key both sound is what is left
when the others are ruled out (test_verification.py's broken parts reach it)."""


@dataclass(frozen=True)
class Attack:
    name: str
    reason: str
    document: str = "request"
    method: str = "rsa-sha256"
    message: str | None = None
    signer: Mapping[str, Any] = field(default_factory=dict)
    verifier: Mapping[str, Any] = field(default_factory=dict)
    expect: Mapping[str, Any] = field(default_factory=dict)
    edit: tuple[Mapping[str, Any], ...] = ()


def _attacks() -> list[Attack]:
    entries = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]
    return [Attack(**{**entry, "edit": tuple(entry.get("edit", ()))}) for entry in entries]


ATTACKS = _attacks()


def _fill(text: str, body_id: str = "") -> str:
    return text.format(IIN=IIN, OTHER_IIN=OTHER_IIN, BIN=BIN, body_id=body_id, **PREFIXES)


# --- signing ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return open_lab(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def stranger(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    """Another CA altogether: the foreign issuer of the corpus."""
    return open_lab(tmp_path_factory.mktemp("foreign-pki"))


def _signer(attack: Attack, lab: Lab, stranger: Lab) -> SigningKey:
    wanted: dict[str, Any] = {k: _fill(v) if isinstance(v, str) else v for k, v in attack.signer.items()}
    bin_ = wanted.get("bin", BIN if attack.document == "envelope" else None)
    now = lab.clock.now()
    validity = {}
    if "valid_days" in wanted:
        start, end = wanted["valid_days"]
        validity = {"not_before": now + timedelta(days=start), "not_after": now + timedelta(days=end)}
    issuer = wanted.get("issuer", "lab")
    if issuer == "self-signed":
        root = stranger.authority.root
        return SigningKey.from_pem(root.private_key_pem(), root.certificate_pem())
    authority = {"lab": lab, "foreign-ca": stranger}[issuer]
    key = authority.key(wanted.get("role", "sign"), bin_=bin_, **validity)
    if wanted.get("revoked"):
        lab.revoke(key)
    if wanted.get("impostor"):
        impostor = lab.issue("sign")
        key = SigningKey.from_pem(impostor.private_key_pem(), key.certificate.public_bytes(Encoding.PEM))
    return key


def _signed_request(key: SigningKey, method: str) -> etree._Element:
    root = etree.fromstring(_fill(REQUEST).encode())
    if method == "rsa-sha256":
        sign_enveloped(root, key)
        return root
    assert method == "rsa-sha1", method
    signature = xmlsec.template.create(root, xmlsec.constants.TransformInclC14N, xmlsec.constants.TransformRsaSha1)
    root.append(signature)
    reference = xmlsec.template.add_reference(signature, xmlsec.constants.TransformSha256, uri="")
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformEnveloped)
    xmlsec.template.x509_data_add_certificate(xmlsec.template.add_x509_data(xmlsec.template.ensure_key_info(signature)))
    context = xmlsec.SignatureContext()
    context.key = key.key
    context.sign(signature)
    return root


def _document(attack: Attack, lab: Lab, stranger: Lab) -> tuple[etree._Element, SigningKey | None]:
    assert attack.document in DOCUMENTS, attack.document
    if attack.document == "unsigned":
        return etree.fromstring(_fill(REQUEST).encode()), None
    key = _signer(attack, lab, stranger)
    if attack.document == "request":
        return _signed_request(key, attack.method), key
    envelope = soap.build_envelope(etree.fromstring(_fill(REQUEST).encode()))
    sign_envelope(envelope, key)
    return envelope, key


# --- editing ------------------------------------------------------------------------------------------------


def _one(root: etree._Element, path: str) -> etree._Element:
    found = root.xpath(path, namespaces=PREFIXES)
    assert isinstance(found, list) and len(found) >= 1 and isinstance(found[0], etree._Element), path
    return found[0]


def _attribute(name: str) -> str:
    prefix, _, local = name.rpartition(":")
    return f"{{{PREFIXES[prefix]}}}{local}" if prefix else name


def _unset(element: etree._Element, name: str) -> None:
    del element.attrib[name]


def _clear(element: etree._Element) -> None:
    for child in list(element):
        element.remove(child)


def _flip(element: etree._Element) -> None:
    text = element.text or ""
    element.text = ("B" if text[:1] == "A" else "A") + text[1:]


EDITS: dict[str, Callable[[etree._Element, etree._Element, Any], None]] = {
    "set": lambda root, element, edit: element.set(_attribute(edit["set"]), edit["to"]),
    "unset": lambda root, element, edit: _unset(element, _attribute(edit["unset"])),
    "text": lambda root, element, edit: setattr(element, "text", edit["text"]),
    "flip": lambda root, element, edit: _flip(element),
    "append": lambda root, element, edit: element.append(etree.fromstring(edit["append"])),
    "copy_into": lambda root, element, edit: _one(root, edit["copy_into"]).append(copy.deepcopy(element)),
    "copy_after": lambda root, element, edit: element.addnext(copy.deepcopy(element)),
    "move_into": lambda root, element, edit: _one(root, edit["move_into"]).append(element),
    "remove": lambda root, element, edit: element.getparent().remove(element),  # type: ignore[union-attr]
    "clear": lambda root, element, edit: _clear(element),
}
"""The edits that take an element (``at``); ``replace`` works on the document's text instead."""


def _edited(document: etree._Element, edits: tuple[Mapping[str, Any], ...]) -> bytes:
    body = document.find(f"{{{ns.SOAP11_ENV}}}Body")
    body_id = body.get(f"{{{ns.WSU}}}Id", "") if body is not None else ""
    text = etree.tostring(document)
    for raw in edits:
        edit = {key: _fill(value, body_id) if isinstance(value, str) else value for key, value in raw.items()}
        if "replace" in edit:
            assert edit["replace"].encode() in text, edit
            text = text.replace(edit["replace"].encode(), edit["by"].encode(), 1)
            continue
        root = etree.fromstring(text)
        (action,) = set(edit) - {"at", "to"}
        EDITS[action](root, _one(root, edit["at"]), edit)
        text = etree.tostring(root)
    return text


# --- verifying ----------------------------------------------------------------------------------------------


def _verifier(attack: Attack, lab: Lab, stranger: Lab, signer: SigningKey | None) -> Verifier:
    check = attack.verifier.get("check", "both")
    revocation = attack.verifier.get("revocation", "live")
    now = lab.clock.now()
    if revocation == "live":
        return lab.verifier(check=check)
    if revocation == "stale-crl":
        then = now - timedelta(days=3)
        source = FixedRevocationSource(lab.authority.sign_crl([], then, then + timedelta(days=1)), None)
    elif revocation == "forged-crl":
        source = FixedRevocationSource(forged_crl(lab, stranger), None)
    elif revocation == "forged-ocsp":
        assert signer is not None
        answer = stranger.authority.sign_ocsp(signer.certificate, None, now, now + timedelta(hours=1))
        source = FixedRevocationSource(None, answer)
    else:
        assert revocation == "none", revocation
        source = FixedRevocationSource(None, None)
    return lab.verifier(check=check, source=source)


def _expectation(attack: Attack) -> Expectation:
    wanted: dict[str, Any] = {key: _fill(value) for key, value in attack.expect.items()}
    if attack.document == "envelope":  # the transport is signed by an organisation, with either of its keys
        wanted = {"key_kind": "any", "subject_kind": "legal", **wanted}
    return Expectation(**wanted)


def _refusal(attack: Attack, lab: Lab, stranger: Lab) -> SignatureRejected:
    signed, signer = _document(attack, lab, stranger)
    document = _edited(signed, attack.edit)
    verifier = _verifier(attack, lab, stranger, signer)
    root = etree.fromstring(document)
    with pytest.raises(SignatureRejected) as raised:
        if attack.document == "envelope":
            verifier.verify_transport(root, _expectation(attack), source=document)
        else:
            verifier.verify_enveloped(root, _expectation(attack), source=document)
    return raised.value


# --- the tests ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("attack", ATTACKS, ids=[attack.name for attack in ATTACKS])
def test_the_attack_is_refused_with_its_reason(attack: Attack, lab: Lab, stranger: Lab) -> None:
    rejected = _refusal(attack, lab, stranger)
    assert rejected.reason == attack.reason, rejected.message
    assert rejected.message
    if attack.message is not None:
        assert _fill(attack.message) in rejected.message


def test_the_corpus_is_well_formed() -> None:
    names = [attack.name for attack in ATTACKS]
    assert len(names) == len(set(names)), "every case needs a name of its own"
    for attack in ATTACKS:
        assert attack.reason in REASONS, attack
        assert attack.document in DOCUMENTS, attack
        for edit in attack.edit:
            assert "replace" in edit or ("at" in edit and len(set(edit) - {"at", "to"}) == 1), (attack.name, edit)


def test_every_reason_of_a_refusal_has_an_attack() -> None:
    covered = {attack.reason for attack in ATTACKS}
    assert set(REASONS) - covered == UNCOVERED_REASONS


EDITED_ONLY = [a for a in ATTACKS if a.edit and not (a.signer or a.verifier or a.expect) and a.method == "rsa-sha256"]


@pytest.mark.parametrize("attack", EDITED_ONLY, ids=[attack.name for attack in EDITED_ONLY])
def test_before_its_edits_the_document_verifies(attack: Attack, lab: Lab, stranger: Lab) -> None:
    """So that each refusal above is the edit's doing, not a setup that would fail anyway."""
    signed, _ = _document(attack, lab, stranger)
    document = etree.tostring(signed)
    verifier = _verifier(attack, lab, stranger, None)
    if attack.document == "envelope":
        assert verifier.verify_transport(etree.fromstring(document), _expectation(attack), source=document).valid
    else:
        verdicts = verifier.verify_enveloped(etree.fromstring(document), _expectation(attack), source=document)
        assert [verdict.valid for verdict in verdicts] == [True]
