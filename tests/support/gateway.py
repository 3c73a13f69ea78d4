"""A whole Qaqpa instance on a real port, with a registry that also points at misbehaving providers.

Every exchange a test makes through :meth:`LiveGateway.post` is remembered; when the instance stops, the
message log must hold each of them (failed ones included), or the session ends with an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
from argon2 import PasswordHasher
from sqlalchemy import Connection, insert, select, update

from contracts.shep import KZ_TIME
from gateway import Settings, create_app
from gateway.bootstrap import prepare_database
from gateway.clock import SystemClock
from gateway.storage.database import Database
from gateway.storage.tables import access_rights, message_log, senders, services
from mocks.population import sample_iins
from tests.support.async_parties import Recipient
from tests.support.pki import open_lab
from tests.support.providers import ResettingServer, closed_port, misbehaving_provider_app
from tests.support.servers import ServerThread, free_port

UNVALIDATED_SERVICE = "ZAGS_MarriageActs"
"""A built-in mock's serviceId whose registry entry switches outbound schema validation off."""
LIMITED_SENDER = ("TEST_LIMITED", "limited")
ASYNC_PROVIDER = ("TEST_ASYNC_PROVIDER", "provider")
"""The provider behind the TEST_AsyncPush and TEST_AsyncPull services: it takes their REQUESTs and answers."""
ASYNC_CONSUMER = ("TEST_ASYNC_CONSUMER", "consumer")
"""A consumer that registered an IAsyncChannelClient endpoint (:attr:`LiveGateway.consumer_inbox`)."""
ASYNC_SERVICES = {"TEST_AsyncPush": "push", "TEST_AsyncPull": "pull"}
"""A sender with a right to one serviceId only, which is not GBDFL_UniversalServiceSync."""

# serviceId -> (path on the misbehaving provider, or a special target; timeout in seconds; enabled)
SIGNED_TEST_SERVICES = {"TEST_Unsigned": "/unsigned", "TEST_ForeignSigned": "/foreign-signed"}
"""Services whose answers must be signed by the provider with BIN PROVIDER_BIN."""
PROVIDER_BIN = "040340200027"
TEST_SERVICES: dict[str, tuple[str, float | None, bool]] = {
    "TEST_Unreachable": ("closed-port", None, True),
    "TEST_Hang": ("/hang", 0.3, True),
    "TEST_Reset": ("reset", None, True),
    "TEST_HttpError": ("/http-error", None, True),
    "TEST_Fault": ("/fault", None, True),
    "TEST_Garbage": ("/garbage", None, True),
    "TEST_NoStatus": ("/no-status", None, True),
    "TEST_BadPayload": ("/bad-payload", None, True),
    "TEST_Disabled": ("/garbage", None, False),
    "TEST_SignedOnly": ("/garbage", None, True),
    **{service_id: (path, None, True) for service_id, path in SIGNED_TEST_SERVICES.items()},
}


def kz_today() -> date:
    """Today in Kazakhstan, as the instance judges ages and expiry: after 19:00 UTC it is tomorrow there."""
    return datetime.now(KZ_TIME).date()


class LiveGateway:
    def __init__(
        self, base_url: str, app: Any, database_url: str, provider_inbox: Recipient, consumer_inbox: Recipient
    ) -> None:
        self.base_url = base_url
        self.provider_inbox = provider_inbox
        self.consumer_inbox = consumer_inbox
        self.app = app
        self.database_url = database_url
        self.http = httpx.Client(base_url=base_url, timeout=30)
        self.session_ids: list[str] = []

    def post(
        self,
        body: bytes,
        content_type: str | None = "text/xml; charset=utf-8",
        path: str = "/bip-sync/",
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        headers = {**({"Content-Type": content_type} if content_type else {}), **(headers or {})}
        response = self.http.post(path, content=body, headers=headers)
        session_id = response.headers.get("X-Qaqpa-Session-Id")
        assert session_id, f"no session id on {response.status_code}: {response.text[:300]}"
        self.session_ids.append(session_id)
        return response

    def sample(self, feature: str | None = None, count: int = 1) -> list[str]:
        """IINs of existing citizens (``feature`` as in ``qaqpa population sample --where``)."""
        database = Database(self.database_url)
        try:
            return sample_iins(database.sync_engine, count, feature, kz_today())
        finally:
            database.sync_engine.dispose()

    def advance_clock(self, by: str) -> None:
        """Move the instance's virtual clock, as a tester does (``POST /api/v1/clock/advance``)."""
        self.http.post("/api/v1/clock/advance", json={"by": by}).raise_for_status()

    def reset_clock(self) -> None:
        self.http.post("/api/v1/clock/reset").raise_for_status()

    def rows(self, statement: Any) -> list[dict[str, Any]]:
        """What the population database holds, read directly: the independent side of a consistency check."""
        database = Database(self.database_url)
        try:
            with database.sync_engine.connect() as connection:
                return [dict(row) for row in connection.execute(statement).mappings()]
        finally:
            database.sync_engine.dispose()

    def logged_session_ids(self) -> set[str]:
        database = Database(self.database_url)
        try:
            with database.sync_engine.connect() as connection:
                return set(connection.execute(select(message_log.c.session_id)).scalars())
        finally:
            database.sync_engine.dispose()


SHORT_TIMEOUT_SERVICE = ("SMS_Send", 1.0)
"""A built-in mock's serviceId whose timeout an operator shortened: hanging faults are seen to time out soon."""


def add_sender(
    connection: Connection,
    credentials: tuple[str, str],
    description: str,
    *,
    rights: tuple[str, ...] = (),
    endpoint: str | None = None,
) -> None:
    """A sender with signatures optional, the ``rights`` given (serviceIds or ``*``) and an async endpoint."""
    sender_id, password = credentials
    connection.execute(
        insert(senders).values(
            sender_id=sender_id,
            password_hash=PasswordHasher().hash(password),
            description=description,
            signature_policy="optional",
            demo=False,
            created_at=datetime.now(UTC),
            async_endpoint=endpoint,
        )
    )
    for service_id in rights:
        connection.execute(insert(access_rights).values(sender_id=sender_id, service_id=service_id))


def _register_test_fixtures(
    database: Database, provider_url: str, reset_port: int, provider_inbox_url: str, consumer_inbox_url: str
) -> None:
    targets = {"closed-port": f"http://127.0.0.1:{closed_port()}/", "reset": f"http://127.0.0.1:{reset_port}/"}
    with database.sync_engine.begin() as connection:
        short_id, short_timeout = SHORT_TIMEOUT_SERVICE
        connection.execute(
            update(services).where(services.c.service_id == short_id).values(timeout_seconds=short_timeout)
        )
        connection.execute(
            update(services).where(services.c.service_id == UNVALIDATED_SERVICE).values(schema_validation=False)
        )
        for service_id, (target, timeout, enabled) in TEST_SERVICES.items():
            connection.execute(
                insert(services).values(
                    service_id=service_id,
                    system="TESTPROV",
                    system_name="A misbehaving test provider",
                    channel="sync",
                    description=f"answers from {target}",
                    contract="gbdfl",
                    mock_system=None,
                    provider_url=targets.get(target, provider_url + target),
                    payload_style="inline",
                    timeout_seconds=timeout,
                    enabled=enabled,
                    transport_signature="required" if service_id == "TEST_SignedOnly" else "optional",
                    payload_signature="optional",
                    signer_iin_field=None,
                    provider_signature="required" if service_id in SIGNED_TEST_SERVICES else "none",
                    provider_bin=PROVIDER_BIN if service_id in SIGNED_TEST_SERVICES else None,
                )
            )
        add_sender(connection, LIMITED_SENDER, "test sender with one right", rights=("TEST_Garbage",))
        _register_async_parties(connection, provider_inbox_url, consumer_inbox_url)


def _register_async_parties(connection: Connection, provider_inbox_url: str, consumer_inbox_url: str) -> None:
    add_sender(connection, ASYNC_PROVIDER, "the provider of the async tests")
    add_sender(connection, ASYNC_CONSUMER, "a consumer of the async tests", rights=("*",), endpoint=consumer_inbox_url)
    for service_id, delivery in ASYNC_SERVICES.items():
        connection.execute(
            insert(services).values(
                service_id=service_id,
                system="TESTASYNC",
                system_name="An asynchronous test provider",
                channel="async",
                description=f"delivered by {delivery}",
                contract="gbdfl",
                mock_system=None,
                provider_url=provider_inbox_url,
                payload_style="inline",
                timeout_seconds=5.0,
                enabled=True,
                transport_signature="optional",
                payload_signature="optional",
                provider_signature="none",
                async_delivery=delivery,
                async_url=provider_inbox_url if delivery == "push" else None,
                provider_sender=ASYNC_PROVIDER[0],
            )
        )


@contextmanager
def live_gateway(data_dir: Path, database_url: str, **overrides: Any) -> Iterator[LiveGateway]:
    port = free_port()
    settings = Settings(
        data_dir=data_dir,
        database_url=database_url,
        port=port,
        population_size=overrides.pop("population_size", 2000),
        max_body_bytes=overrides.pop("max_body_bytes", 256 * 1024),
        **overrides,
    )
    database = Database(settings.resolved_database_url)
    prepare_database(settings, database, SystemClock())
    with ExitStack() as stack:
        foreign = open_lab(data_dir / "foreign-pki")
        provider = stack.enter_context(ServerThread(misbehaving_provider_app(foreign.key("sign", bin_=PROVIDER_BIN))))
        resetter = stack.enter_context(ResettingServer())
        provider_inbox, consumer_inbox = Recipient(), Recipient()
        provider_server = stack.enter_context(ServerThread(provider_inbox.app()))
        consumer_server = stack.enter_context(ServerThread(consumer_inbox.app()))
        _register_test_fixtures(
            database, provider.base_url, resetter.port, provider_server.base_url + "/", consumer_server.base_url + "/"
        )
        database.sync_engine.dispose()
        app = create_app(settings)
        stack.enter_context(ServerThread(app, port=port))
        gateway = LiveGateway(
            f"http://127.0.0.1:{port}", app, settings.resolved_database_url, provider_inbox, consumer_inbox
        )
        yield gateway
        gateway.http.close()
        missing = set(gateway.session_ids) - gateway.logged_session_ids()
        assert not missing, f"{len(missing)} exchanges are missing from the message log: {sorted(missing)[:5]}"
