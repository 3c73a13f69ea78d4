"""``qaqpa pki``, ``qaqpa sign`` and ``qaqpa verify`` as a portal developer uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.x509.oid import NameOID

from gateway.cli import main
from signing import oids

IIN = "061211600012"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-pki")


def _run(*arguments: str | Path) -> str:
    result = CliRunner().invoke(main, [str(a) for a in arguments])
    assert result.exit_code == 0, result.output
    return result.output


def _issue(data_dir: Path, out: Path, *extra: str) -> x509.Certificate:
    _run("pki", "issue", "--data-dir", data_dir, "--iin", IIN, "--out", out, *extra)
    assert (out / "key.pem").stat().st_mode & 0o777 == 0o600
    return x509.load_pem_x509_certificate((out / "cert.pem").read_bytes())


def test_issue_writes_a_kazakh_shaped_certificate(data_dir: Path, tmp_path: Path) -> None:
    certificate = _issue(data_dir, tmp_path / "person")
    subject = certificate.subject
    assert subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == f"IIN{IIN}"
    assert subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value == "KZ"
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_encipherment
    policies = certificate.extensions.get_extension_for_class(x509.CertificatePolicies).value
    assert [p.policy_identifier for p in policies] == [oids.POLICY_INDIVIDUAL_SIGN]
    chain = x509.load_pem_x509_certificates((tmp_path / "person" / "chain.pem").read_bytes())
    assert certificate.issuer == chain[0].subject


def test_issue_for_a_legal_entity_s_auth_key(data_dir: Path, tmp_path: Path) -> None:
    certificate = _issue(
        data_dir, tmp_path / "company", "--bin", "100140300032", "--org", "ТОО «ТЕСТ»", "--role", "auth"
    )
    assert certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == "BIN100140300032"
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_encipherment and not usage.content_commitment
    eku = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert oids.EKU_AUTH in eku and oids.ROLE_LEGAL_ENTITY in eku


def test_sign_then_verify_gives_the_gateway_s_verdict(data_dir: Path, tmp_path: Path) -> None:
    _issue(data_dir, tmp_path / "me")
    document = tmp_path / "request.xml"
    document.write_text(f'<m:Request xmlns:m="urn:m"><iin>{IIN}</iin></m:Request>')
    signed = tmp_path / "signed.xml"
    key, cert = tmp_path / "me" / "key.pem", tmp_path / "me" / "cert.pem"
    _run("sign", "--key", key, "--cert", cert, "--out", signed, document)
    to_stdout = CliRunner().invoke(main, ["sign", "--key", str(key), "--cert", str(cert), str(document)])
    assert to_stdout.exit_code == 0 and to_stdout.stdout_bytes.startswith(b"<?xml")
    piped = tmp_path / "piped.xml"
    piped.write_bytes(to_stdout.stdout_bytes)
    assert _run("verify", "--data-dir", data_dir, "--expect-iin", IIN, piped).startswith("VALID payload signature")
    assert _run("verify", "--data-dir", data_dir, "--expect-iin", IIN, signed).startswith("VALID payload signature")

    refused = CliRunner().invoke(
        main, ["verify", "--data-dir", str(data_dir), "--expect-iin", "850808310738", str(signed)]
    )
    assert refused.exit_code == 1 and refused.output.startswith("REFUSED IinMismatch")


def test_a_revoked_certificate_is_refused_by_verify(data_dir: Path, tmp_path: Path) -> None:
    certificate = _issue(data_dir, tmp_path / "gone")
    document = tmp_path / "request.xml"
    document.write_text('<r xmlns="urn:r">1</r>')
    _run("sign", "--key", tmp_path / "gone" / "key.pem", "--cert", tmp_path / "gone" / "cert.pem", "--out",
         tmp_path / "signed.xml", document)  # fmt: skip
    _run("pki", "revoke", "--data-dir", data_dir, f"{certificate.serial_number:X}")
    header, *rows = _run("pki", "list", "--data-dir", data_dir).splitlines()
    assert header.split() == ["serial", "role", "state", "subject"]
    [row] = [row for row in rows if row.startswith(f"{certificate.serial_number:X} ")]
    assert row.split()[1:3] == ["sign", "revoked"] and row.index("revoked") == header.index("state")
    assert f"IIN{IIN}" in row[header.index("subject") :]
    unknown = CliRunner().invoke(main, ["pki", "revoke", "--data-dir", str(data_dir), "ABCDEF0123"])
    assert unknown.exit_code == 1 and "never issued serial ABCDEF0123" in unknown.output
    refused = CliRunner().invoke(main, ["verify", "--data-dir", str(data_dir), str(tmp_path / "signed.xml")])
    assert refused.exit_code == 1 and "RevokedByCrl" in refused.output


def test_issue_with_revoked_and_expired_flags(data_dir: Path, tmp_path: Path) -> None:
    expired = _issue(data_dir, tmp_path / "old", "--expired")
    from datetime import UTC, datetime

    assert expired.not_valid_after_utc < datetime.now(UTC)
    revoked = _issue(data_dir, tmp_path / "revoked", "--revoked")
    assert f"{revoked.serial_number:X}" in _run("pki", "list", "--data-dir", data_dir)


def test_ca_writes_the_ca_certificates(data_dir: Path, tmp_path: Path) -> None:
    _run("pki", "ca", "--data-dir", data_dir, "--out", tmp_path)
    root = x509.load_pem_x509_certificate((tmp_path / "root.pem").read_bytes())
    issuing = x509.load_pem_x509_certificate((tmp_path / "ca.pem").read_bytes())
    assert root.subject == root.issuer == issuing.issuer


def test_a_transport_signature_from_the_cli(data_dir: Path, tmp_path: Path) -> None:
    _issue(data_dir, tmp_path / "system", "--bin", "100140300032")
    envelope = tmp_path / "envelope.xml"
    envelope.write_text(
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x>1</x></s:Body></s:Envelope>'
    )
    _run("sign", "--transport", "--key", tmp_path / "system" / "key.pem", "--cert", tmp_path / "system" / "cert.pem",
         "--out", tmp_path / "signed.xml", envelope)  # fmt: skip
    verdict = _run(
        "verify", "--transport", "--data-dir", data_dir, "--expect-bin", "100140300032", tmp_path / "signed.xml"
    )
    assert verdict.startswith("VALID transport signature")


def test_bad_input_is_a_clear_error(data_dir: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.xml"
    hostile.write_text('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    result = CliRunner().invoke(main, ["verify", "--data-dir", str(data_dir), str(hostile)])
    assert result.exit_code == 1 and "DOCTYPE" in result.output
    bad_iin = CliRunner().invoke(
        main, ["pki", "issue", "--data-dir", str(data_dir), "--iin", "123", "--out", str(tmp_path)]
    )
    assert bad_iin.exit_code == 2 and "12 digits" in bad_iin.output
