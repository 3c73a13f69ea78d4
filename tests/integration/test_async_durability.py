"""Nothing accepted is lost: a gateway killed with messages in flight, and two gateways on one PostgreSQL.

Each test runs ``qaqpa up`` in its own processes against a recipient in this process that counts every push
by ``messageId`` and by the gateway process that made it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, insert, select

from gateway import Settings
from gateway.bootstrap import prepare_database
from gateway.clock import SystemClock
from gateway.storage.database import Database
from gateway.storage.tables import async_messages, services
from tests.support.async_parties import Recipient, gbdfl_request, message_info, post_async, send_message_envelope
from tests.support.databases import postgres_database
from tests.support.gateway import add_sender
from tests.support.processes import QaqpaProcess, running
from tests.support.servers import ServerThread, free_port

SERVICE = "TEST_Durable"
CONSUMER = ("TEST_DURABLE_PORTAL", "durable")
REQUEST = (
    '<m:Request xmlns:m="http://message.persistence.interactive.nat"><messageId>1</messageId>'
    "<messageDate>2026-11-22T10:00:00+05:00</messageDate><senderCode>P</senderCode><iin>{iin}</iin></m:Request>"
)
# Short HTTP timeouts keep the lease short, so that a restarted gateway takes over the kill's in-flight pushes soon.
ENV = {"QAQPA_PROVIDER_TIMEOUT_SECONDS": "2", "QAQPA_POPULATION_SIZE": "300"}


def _prepare(data_dir: Path, database_url: str, recipient_url: str) -> None:
    settings = Settings(data_dir=data_dir, database_url=database_url, population_size=300)
    database = Database(settings.resolved_database_url)
    prepare_database(settings, database, SystemClock())
    with database.sync_engine.begin() as connection:
        add_sender(connection, CONSUMER, "the durability tests' portal", rights=("*",))
        connection.execute(
            insert(services).values(
                service_id=SERVICE,
                system="DURABLE",
                system_name="A recipient that takes pushes",
                channel="async",
                description="push delivery",
                contract="gbdfl",
                provider_url=recipient_url,
                payload_style="inline",
                enabled=True,
                transport_signature="optional",
                payload_signature="optional",
                provider_signature="none",
                async_delivery="push",
                async_url=recipient_url,
            )
        )
    database.sync_engine.dispose()


def _send(base_urls: list[str], count: int) -> list[str]:
    """``count`` REQUESTs over REST, spread over the gateways; the messageIds they were accepted under."""

    def one(index: int) -> str:
        base_url = base_urls[index % len(base_urls)]
        response = httpx.post(
            f"{base_url}/api/v1/async/messages",
            json={"serviceId": SERVICE, "data": REQUEST.format(iin=f"{index:012d}")},
            auth=CONSUMER,
            timeout=60,
        )
        assert response.status_code == 202, response.text
        return str(response.json()["messageId"])

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(count)))


def _wait_for(recipient: Recipient, expected: set[str], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while set(recipient.received) != expected:
        if time.monotonic() > deadline:
            missing = len(expected - set(recipient.received))
            raise AssertionError(f"{missing} of {len(expected)} messages not delivered within {seconds} s")
        time.sleep(0.2)


def _settled(database_url: str, expected: dict[str, int], seconds: float = 30) -> dict[str, int]:
    """The states of the test service's messages once they are ``expected`` (the last push may still be
    committing when its recipient has counted it)."""
    deadline = time.monotonic() + seconds
    while (states := _states(database_url)) != expected and time.monotonic() < deadline:
        time.sleep(0.2)
    return states


def _states(database_url: str) -> dict[str, int]:
    database = Database(database_url)
    try:
        with database.sync_engine.connect() as connection:
            rows = connection.execute(
                select(async_messages.c.state, func.count())
                .where(async_messages.c.service_id == SERVICE)
                .group_by(async_messages.c.state)
            )
            return {str(row[0]): int(row[1]) for row in rows}
    finally:
        database.sync_engine.dispose()


@pytest.fixture
def recipient() -> Iterator[tuple[Recipient, str]]:
    inbox = Recipient()
    with ServerThread(inbox.app()) as server:
        yield inbox, server.base_url + "/"


def test_a_gateway_killed_with_1000_messages_in_flight_delivers_each_exactly_once_after_restart(
    tmp_path: Path, recipient: tuple[Recipient, str]
) -> None:
    inbox, url = recipient
    inbox.delay = 1.0  # slower than the senders: a backlog builds up, and the kill finds it in flight
    database_url = f"sqlite:///{tmp_path / 'qaqpa.db'}"
    _prepare(tmp_path, database_url, url)
    gateway = QaqpaProcess(["up", "--database-url", database_url], tmp_path, free_port(), ENV).start()
    try:
        accepted = _send([gateway.base_url], 1000)
        with httpx.Client(base_url=gateway.base_url) as client:
            demo = ("DEMO_PORTAL", "demo")
            envelope = send_message_envelope(message_info("GBDFL_UniversalServiceSync", demo), gbdfl_request("0" * 12))
            sent = post_async(client, envelope, headers={"X-Qaqpa-Fault": "hang"})
        hanging = sent.findtext("response/messageId")
        gateway.kill()
        delivered_before = len(inbox.received)
        assert delivered_before < 1000, "the kill came too late to leave messages in flight"

        gateway.start()
        _wait_for(inbox, set(accepted), seconds=120)
        repeats = sum(count - 1 for count in inbox.received.values())
        # Only a push that was in flight at the kill can come twice; the recipient recognises it by messageId.
        assert repeats <= Settings().delivery_concurrency
        # The pushes in flight at the kill reached the recipient, but their rows stay taken until the dead
        # process's lease runs out (twice the slowest service's timeout + 10 s of wall time), then go again.
        assert _settled(database_url, {"DELIVERED": 1000}, seconds=90) == {"DELIVERED": 1000}

        # The window of a REQUEST accepted before the kill still closes, on the restarted gateway's clock.
        httpx.post(f"{gateway.base_url}/api/v1/clock/advance", json={"by": "31m"}).raise_for_status()
        status = httpx.get(f"{gateway.base_url}/api/v1/async/messages/{hanging}", auth=("DEMO_PORTAL", "demo"))
        assert status.json()["state"] == "DELIVERY_STOPPED"
    finally:
        gateway.stop()


def test_two_gateways_on_one_postgresql_share_5000_messages_none_lost_none_doubled(
    tmp_path: Path, recipient: tuple[Recipient, str]
) -> None:
    inbox, url = recipient
    inbox.delay = 0.0
    with postgres_database() as database_url:
        _prepare(tmp_path, database_url, url)
        arguments = ["up", "--database-url", database_url]
        with (
            running(arguments, tmp_path, free_port(), ENV) as first,
            running(arguments, tmp_path, free_port(), ENV) as second,
        ):
            accepted = _send([first.base_url, second.base_url], 5000)
            assert len(set(accepted)) == 5000
            _wait_for(inbox, set(accepted), seconds=180)
        assert sum(inbox.received.values()) == 5000, "a message was pushed twice"
        assert len([instance for instance, count in inbox.instances.items() if count]) == 2, inbox.instances
        assert _settled(database_url, {"DELIVERED": 5000}) == {"DELIVERED": 5000}
