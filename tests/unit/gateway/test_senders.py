from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gateway.errors import AuthenticationFailed
from gateway.senders import DEMO_PASSWORD, SenderDirectory, seed_demo_senders
from gateway.storage import migrate
from gateway.storage.database import Database


@pytest.fixture
def database(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'senders.db'}")
    migrate.upgrade(database.sync_engine)
    with database.sync_engine.begin() as connection:
        seed_demo_senders(connection, datetime.now(UTC))
    database.sync_engine.dispose()
    return database


def test_the_demo_senders_in_dev_mode(database: Database) -> None:
    async def scenario() -> None:
        directory = SenderDirectory(database, allow_demo=True)
        portal = await directory.authenticate("DEMO_PORTAL", DEMO_PASSWORD)
        strict = await directory.authenticate("DEMO_PORTAL_STRICT", DEMO_PASSWORD)
        assert portal.may_call("ANY_SERVICE") and portal.signature_policy == "optional"
        assert strict.signature_policy == "required"
        with pytest.raises(AuthenticationFailed):
            await directory.authenticate("DEMO_PORTAL", "not-demo")
        await database.dispose()

    asyncio.run(scenario())


def test_production_mode_refuses_demo_credentials(database: Database) -> None:
    async def scenario() -> None:
        directory = SenderDirectory(database, allow_demo=False)
        with pytest.raises(AuthenticationFailed, match="production mode"):
            await directory.authenticate("DEMO_PORTAL", DEMO_PASSWORD)
        await database.dispose()

    asyncio.run(scenario())


def test_passwords_are_stored_as_argon2_hashes(database: Database) -> None:
    with database.sync_engine.connect() as connection:
        hashes = [row[0] for row in connection.exec_driver_sql("SELECT password_hash FROM senders")]
    database.sync_engine.dispose()
    assert hashes and all(h.startswith("$argon2") and DEMO_PASSWORD not in h for h in hashes)


def test_concurrent_requests_with_the_same_credentials_share_one_verification(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache miss under load is one argon2 run, not one per waiting request."""

    async def scenario() -> None:
        directory = SenderDirectory(database, allow_demo=True)
        verifications: list[str] = []
        verify = directory._verify

        def counted(password_hash: str, password: str) -> bool:
            verifications.append(password)
            return verify(password_hash, password)

        monkeypatch.setattr(directory, "_verify", counted)
        senders = await asyncio.gather(*(directory.authenticate("DEMO_PORTAL", DEMO_PASSWORD) for _ in range(20)))
        assert {sender.sender_id for sender in senders} == {"DEMO_PORTAL"}
        refused = await asyncio.gather(
            *(directory.authenticate("DEMO_PORTAL", "wrong") for _ in range(20)), return_exceptions=True
        )
        assert all(isinstance(outcome, AuthenticationFailed) for outcome in refused)
        assert verifications == [DEMO_PASSWORD, "wrong"], "one verification per distinct credentials"
        await database.dispose()

    asyncio.run(scenario())
