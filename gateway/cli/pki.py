"""``qaqpa pki``, ``qaqpa sign`` and ``qaqpa verify``: the test PKI and signatures from the command line.

``verify`` runs the gateway's own pipeline against the data directory's CA and revocation list, so a portal
developer gets the verdict the gateway would give, with its reason.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from cryptography import x509
from lxml import etree

from contracts.errors import ContractError
from contracts.parsing import XmlLimits, parse_untrusted
from gateway.bootstrap import prepare_database
from gateway.cli._options import data_options, open_pki, settings_from
from gateway.cli._output import table
from gateway.clock import SystemClock
from gateway.clock_state import instance_clock
from gateway.pki import CertificateRequest, Pki, issue, list_certificates, revoke, subject_for
from gateway.storage.database import Database
from signing.errors import SignatureRejected
from signing.iin import bin_problem, iin_problem
from signing.pki.authority import TestPki, write_private_file
from signing.pki.profiles import PublicationUrls
from signing.verification import Expectation, Verdict
from signing.xmldsig import SigningKey, sign_envelope, sign_enveloped


def _authority(pki: Pki) -> TestPki:
    assert pki.authority is not None
    return pki.authority


@click.group()
def pki() -> None:
    """The test PKI, shaped like НУЦ РК: issue, revoke, list.

    A root and an issuing CA in the data directory, with a CRL and an OCSP responder served by `qaqpa up`.
    `qaqpa verify` and the gateway trust it (docs/signatures.md).

    \b
    qaqpa pki issue --iin 641030320925 --bin 100140300032 --org "ТОО «ПОРТАЛ»" --out portal/
    qaqpa pki list
    """


@pki.command("issue")
@data_options
@click.option("--iin", required=True, help="The holder's IIN (names come from the population if it knows it)")
@click.option("--bin", "bin_", help="A BIN makes it a legal entity employee's certificate")
@click.option("--org", "organization", help="The organisation's name (with --bin)")
@click.option("--role", type=click.Choice(["sign", "auth"]), default="sign", show_default=True, help="The key's use")
@click.option("--revoked", is_flag=True, help="Revoke it at once")
@click.option("--expired", is_flag=True, help="Make it expired (valid until yesterday)")
@click.option("--not-yet-valid", is_flag=True, help="Make it valid from 30 days from now")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Directory to write to")
def pki_issue(
    iin: str,
    bin_: str | None,
    organization: str | None,
    role: str,
    revoked: bool,
    expired: bool,
    not_yet_valid: bool,
    out: Path,
    **options: Any,
) -> None:
    """Issue a certificate: key.pem, cert.pem and chain.pem.

    Writes the key (mode 600), the certificate and the CA chain into --out and prints the serial and the
    subject. Without --bin an individual's certificate, with it a legal entity employee's.

    \b
    qaqpa pki issue --iin 641030320925 --out me/
    qaqpa pki issue --iin 641030320925 --bin 100140300032 --role auth --expired --out old/
    """
    problem = iin_problem(iin) or (bin_problem(bin_) if bin_ else None)
    if problem:
        raise click.BadParameter(problem)
    settings = settings_from(**options)
    database, instance = open_pki(settings)
    authority = _authority(instance)
    now = instance_clock(settings.dev, database.sync_engine).now()
    with database.sync_engine.begin() as connection:
        subject = subject_for(connection, iin, bin_, organization, None, None, None)
        request = CertificateRequest(subject, role, revoked, expired, not_yet_valid)  # type: ignore[arg-type]
        issued = issue(authority, connection, request, PublicationUrls(settings.advertised_url), now)
    database.sync_engine.dispose()
    out.mkdir(parents=True, exist_ok=True)
    write_private_file(out / "key.pem", issued.private_key_pem())
    (out / "cert.pem").write_bytes(issued.certificate_pem())
    (out / "chain.pem").write_bytes(authority.chain_pem())
    click.echo(f"serial {issued.certificate.serial_number:X}: {issued.certificate.subject.rfc4514_string()}")


@pki.command("ca")
@data_options
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Directory to write to")
def pki_ca(out: Path, **options: Any) -> None:
    """Write the CA certificates (root.pem, ca.pem, chain.pem).

    root.pem is the root, ca.pem the issuing CA, chain.pem both: what a system under test trusts.

    \b
    qaqpa pki ca --out trust/
    """
    settings = settings_from(**options)
    authority = TestPki.open(settings.pki_dir, SystemClock().now())
    out.mkdir(parents=True, exist_ok=True)
    (out / "root.pem").write_bytes(authority.root.certificate_pem())
    (out / "ca.pem").write_bytes(authority.issuing.certificate_pem())
    (out / "chain.pem").write_bytes(authority.chain_pem())
    click.echo(f"{out}/root.pem, ca.pem, chain.pem")


@pki.command("revoke")
@data_options
@click.argument("serial")
@click.option(
    "--reason",
    type=click.Choice([flag.name for flag in x509.ReasonFlags]),
    default="key_compromise",
    show_default=True,
    help="The CRL's reason code",
)
def pki_revoke(serial: str, reason: str, **options: Any) -> None:
    """Revoke a certificate by its hexadecimal serial.

    SERIAL is as `pki issue` and `pki list` print it. Running gateways notice within a second.

    \b
    qaqpa pki revoke 3F2A9C01 --reason superseded
    """
    settings = settings_from(**options)
    database = Database(settings.resolved_database_url)
    prepare_database(settings, database, SystemClock())
    try:
        number = int(serial, 16)
    except ValueError:
        raise click.BadParameter(f"{serial!r} is not a hexadecimal serial") from None
    with database.sync_engine.begin() as connection:
        found = revoke(
            connection, number, instance_clock(settings.dev, database.sync_engine).now(), x509.ReasonFlags[reason]
        )
    database.sync_engine.dispose()
    if not found:
        raise click.ClickException(f"the test CA never issued serial {serial}")
    click.echo(f"revoked {serial.upper()} ({reason})")


@pki.command("list")
@data_options
def pki_list(**options: Any) -> None:
    """List the certificates the test CA issued, newest first."""
    settings = settings_from(**options)
    database = Database(settings.resolved_database_url)
    prepare_database(settings, database, SystemClock())
    with database.sync_engine.connect() as connection:
        rows = list_certificates(connection)
    database.sync_engine.dispose()
    listed = [(row["serial"], row["role"], _certificate_state(row), row["subject"]) for row in rows]
    click.echo(table(listed, ("serial", "role", "state", "subject")))


def _certificate_state(row: dict[str, Any]) -> str:
    return f"revoked {row['revokedAt'][:10]}" if row["revokedAt"] else f"valid to {row['notAfter'][:10]}"


@click.command()
@click.option(
    "--key", "key_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True, help="key.pem"
)
@click.option(
    "--cert", "cert_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True, help="cert.pem"
)
@click.option("--transport", is_flag=True, help="Sign a SOAP envelope's Body (WS-Security), not the document")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Where to write [default: stdout]")
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def sign(key_path: Path, cert_path: Path, transport: bool, out: Path | None, document: Path) -> None:
    """Sign XML as Kalkan does, or a SOAP Body (--transport).

    DOCUMENT gets a Kalkan-shaped enveloped signature; with --transport, a SOAP envelope gets ShEP's
    WS-Security signature of its Body. Use a key and certificate from `qaqpa pki issue`.

    \b
    qaqpa sign --key me/key.pem --cert me/cert.pem --out signed.xml payload.xml
    qaqpa sign --transport --key portal/key.pem --cert portal/cert.pem request.xml > signed.xml
    """
    key = SigningKey.from_pem(key_path.read_bytes(), cert_path.read_bytes())
    root = _parse(document.read_bytes(), document)
    if transport:
        sign_envelope(root, key)
    else:
        sign_enveloped(root, key)
    signed = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if out:
        out.write_bytes(signed)
    else:
        sys.stdout.buffer.write(signed)


@click.command()
@data_options
@click.option("--transport", is_flag=True, help="Verify a SOAP envelope's WS-Security signature")
@click.option("--expect-iin", help="The IIN the signer must hold")
@click.option("--expect-bin", help="The BIN the signer's certificate must carry")
@click.option("--key-usage", type=click.Choice(["sign", "auth", "any"]), help="[default: sign; any with --transport]")
@click.option("--subject", type=click.Choice(["individual", "legal"]), help="[default: any; legal with --transport]")
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def verify(
    transport: bool,
    expect_iin: str | None,
    expect_bin: str | None,
    key_usage: str | None,
    subject: str | None,
    document: Path,
    **options: Any,
) -> None:
    """Verify signed XML exactly as the gateway does.

    Prints VALID with the signer and the revocation checks for each signature, or REFUSED with the reason
    (and exits 1), checked against the data directory's test CA.

    \b
    qaqpa verify --expect-iin 641030320925 signed.xml
    qaqpa verify --transport --expect-bin 100140300032 envelope.xml
    """
    settings = settings_from(**options)
    database, instance = open_pki(settings)
    database.sync_engine.dispose()
    assert instance.verifier is not None
    raw = document.read_bytes()
    expectation = Expectation(
        key_kind=key_usage or ("any" if transport else "sign"),  # type: ignore[arg-type]
        subject_kind=subject or ("legal" if transport else None),  # type: ignore[arg-type]
        iin=expect_iin,
        bin=expect_bin,
    )
    try:
        root = _parse(raw, document)
        verdicts: list[Verdict] = (
            [instance.verifier.verify_transport(root, expectation, source=raw)]
            if transport
            else instance.verifier.verify_enveloped(root, expectation, source=raw)
        )
    except SignatureRejected as rejected:
        click.echo(f"REFUSED {rejected.reason}: {rejected.message}")
        sys.exit(1)
    for verdict in verdicts:
        signer = verdict.signer
        assert signer is not None
        checks = ", ".join(f"{name} {state}" for name, state in verdict.revocation.items()) or "no revocation check"
        click.echo(f"VALID {verdict.layer} signature by {signer.subject} (serial {signer.serial}; {checks})")


def _parse(raw: bytes, path: Path) -> Any:
    try:
        return parse_untrusted(raw, XmlLimits(max_bytes=50 * 1024 * 1024), what=str(path))
    except ContractError as error:
        raise click.ClickException(str(error)) from None
