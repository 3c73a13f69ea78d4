from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

from cryptography import x509
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtensionOID

from signing import oids
from signing.certificates import describe
from signing.pki.authority import TestPki
from signing.pki.revocation import LocalRevocationSource
from tests.support.pki import BIN, IIN, URLS, open_lab


def test_the_ca_is_created_once_and_kept_private(tmp_path: Path) -> None:
    lab = open_lab(tmp_path)
    again = TestPki.open(tmp_path, lab.clock.now())
    assert again.root.certificate == lab.authority.root.certificate
    assert (tmp_path / "ca.key").stat().st_mode & 0o777 == 0o600
    constraints = lab.authority.issuing.certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
    assert constraints.ca and constraints.path_length == 0


def _open_after(barrier: Barrier, directory: Path, roots: Queue[bytes]) -> None:
    barrier.wait()
    roots.put(TestPki.open(directory, datetime(2026, 11, 22, tzinfo=UTC)).root.certificate_pem())


def test_processes_opening_a_fresh_directory_at_once_make_one_ca(tmp_path: Path) -> None:
    """As the workers of ``qaqpa up --workers N`` do on first start: whoever creates the CA, all end up with it."""
    context = multiprocessing.get_context("spawn")
    barrier, roots = context.Barrier(4), context.Queue()
    openers = [context.Process(target=_open_after, args=(barrier, tmp_path, roots)) for _ in range(4)]
    for opener in openers:
        opener.start()
    seen = {roots.get(timeout=60) for _ in openers}
    for opener in openers:
        opener.join()
    assert seen == {(tmp_path / "root.crt").read_bytes()}


def test_profiles_follow_the_nca_conventions(tmp_path: Path) -> None:
    lab = open_lab(tmp_path)
    expectations = {
        ("sign", None): (oids.POLICY_INDIVIDUAL_SIGN, oids.EKU_SIGN, oids.ROLE_INDIVIDUAL, "sign"),
        ("auth", None): (oids.POLICY_INDIVIDUAL_AUTH, oids.EKU_AUTH, oids.ROLE_INDIVIDUAL, "auth"),
        ("sign", BIN): (oids.POLICY_LEGAL_SIGN, oids.EKU_SIGN, oids.ROLE_LEGAL_ENTITY, "sign"),
        ("auth", BIN): (oids.POLICY_LEGAL_AUTH, oids.EKU_AUTH, oids.ROLE_LEGAL_ENTITY, "auth"),
    }
    for (role, bin_), (policy, eku, key_user, kind) in expectations.items():
        certificate = lab.issue(role, bin_=bin_).certificate  # type: ignore[arg-type]
        extensions = certificate.extensions
        assert [p.policy_identifier for p in extensions.get_extension_for_class(x509.CertificatePolicies).value] == [
            policy
        ]
        usages = extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        assert eku in usages and key_user in usages
        assert extensions.get_extension_for_oid(ExtensionOID.KEY_USAGE).critical
        info = describe(certificate)
        assert (info.iin, info.bin, info.key_kind) == (IIN, bin_, kind)
        assert info.subject_kind == ("legal" if bin_ else "individual")
        assert info.patronymic == "ТЕСТОВИЧ" and info.common_name == "ТЕСТОВ ТЕСТ"
        access = extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
        ocsp_urls = [d.access_location.value for d in access if d.access_method == AuthorityInformationAccessOID.OCSP]
        assert ocsp_urls == [URLS.ocsp]


def test_revocation_answers_are_cached_until_the_list_changes(tmp_path: Path) -> None:
    lab = open_lab(tmp_path)
    source = LocalRevocationSource(lab.authority, lab.revocations, lab.clock.now)
    issuing = lab.authority.issuing.certificate
    key = lab.key("sign")
    first_crl, first_ocsp = source.crl(issuing), source.ocsp(key.certificate, issuing)
    assert source.crl(issuing) is first_crl and source.ocsp(key.certificate, issuing) is first_ocsp
    lab.revoke(key)
    crl = source.crl(issuing)
    assert crl is not first_crl and crl is not None
    assert crl.get_revoked_certificate_by_serial_number(key.certificate.serial_number) is not None
    answer = source.ocsp(key.certificate, issuing)
    assert answer is not None and answer.certificate_status == ocsp.OCSPCertStatus.REVOKED


def test_answers_are_renewed_before_they_go_stale(tmp_path: Path) -> None:
    lab = open_lab(tmp_path)
    source = LocalRevocationSource(lab.authority, lab.revocations, lab.clock.now)
    issuing = lab.authority.issuing.certificate
    first = source.crl(issuing)
    lab.clock.moment += timedelta(days=2)
    renewed = source.crl(issuing)
    assert renewed is not first and renewed is not None
    assert renewed.next_update_utc is not None and renewed.next_update_utc > lab.clock.now()


def test_a_clock_moved_back_gets_answers_of_its_own_time(tmp_path: Path) -> None:
    """A virtual clock advanced and reset must not be shown the answers made for the future."""
    lab = open_lab(tmp_path)
    source = LocalRevocationSource(lab.authority, lab.revocations, lab.clock.now)
    issuing, key = lab.authority.issuing.certificate, lab.key("sign")
    today = lab.clock.moment
    lab.clock.moment = today + timedelta(days=100)
    future_crl, future_ocsp = source.crl(issuing), source.ocsp(key.certificate, issuing)
    lab.clock.moment = today
    crl, answer = source.crl(issuing), source.ocsp(key.certificate, issuing)
    assert crl is not future_crl and crl is not None and crl.last_update_utc <= today
    assert answer is not future_ocsp and answer is not None and answer.this_update_utc <= today


def test_a_foreign_issuer_gets_no_answer(tmp_path: Path) -> None:
    lab, other = open_lab(tmp_path / "a"), open_lab(tmp_path / "b")
    source = LocalRevocationSource(lab.authority, lab.revocations, lab.clock.now)
    assert source.crl(other.authority.issuing.certificate) is None
