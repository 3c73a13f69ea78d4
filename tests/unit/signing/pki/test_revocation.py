"""The revocations a process knows: a refresh from storage never undoes a revocation made here meanwhile."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography import x509

from signing.pki.revocation import Revocation, RevocationList

NOW = datetime(2026, 11, 22, tzinfo=UTC)


def test_a_refresh_read_before_a_local_revocation_does_not_undo_it() -> None:
    revocations = RevocationList()
    read_at = revocations.version  # a refresh starts reading the stored list …
    revocations.add(Revocation(7, NOW, x509.ReasonFlags.key_compromise))  # … while a certificate is revoked here
    revocations.replace([], read_at=read_at)
    assert revocations.get(7) is not None


def test_a_refresh_read_after_it_replaces_the_list() -> None:
    revocations = RevocationList([Revocation(7, NOW, x509.ReasonFlags.key_compromise)])
    revocations.replace([Revocation(8, NOW, x509.ReasonFlags.superseded)], read_at=revocations.version)
    assert revocations.get(7) is None and revocations.get(8) is not None
