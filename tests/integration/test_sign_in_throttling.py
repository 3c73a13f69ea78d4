"""Repeated failed sign-ins lock one address out for a while (gateway/throttle.py): a sender's password on
every channel, the admin token on the API and the console; and a dev instance locks nobody out by default."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from tests.support.gateway import LiveGateway, live_gateway
from tests.support.shep import gbdfl_request, inline_data, read_fault, send_message

LIMIT = 3


@pytest.fixture(scope="module")
def throttled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveGateway]:
    data_dir: Path = tmp_path_factory.mktemp("throttled")
    with live_gateway(data_dir, f"sqlite:///{data_dir / 'qaqpa.db'}", sign_in_attempts=LIMIT) as live:
        yield live


def lookup(gateway: LiveGateway, iin: str, sender: str, password: str) -> str:
    """The errorCode of a sync lookup, or SCSS001 when it is answered."""
    response = gateway.post(send_message(inline_data(gbdfl_request(iin)), sender_id=sender, password=password))
    return "SCSS001" if response.status_code == 200 else read_fault(response.content).code


def test_a_guessed_password_locks_the_sender_out_on_every_channel_until_the_window_passes(
    throttled: LiveGateway,
) -> None:
    [iin] = throttled.sample("alive")
    for guess in range(LIMIT):
        assert lookup(throttled, iin, "DEMO_PORTAL", f"guess-{guess}") == "Client.AuthenticationFailed"
    assert lookup(throttled, iin, "DEMO_PORTAL", "demo") == "Client.TooManyFailedSignIns", "the right one too"
    rest = throttled.http.get("/api/v1/async/endpoint", auth=("DEMO_PORTAL", "demo"))
    assert (rest.status_code, rest.json()["code"]) == (429, "Client.TooManyFailedSignIns")
    assert "try again in" in rest.json()["message"]
    assert lookup(throttled, iin, "DEMO_PORTAL_STRICT", "demo") != "Client.TooManyFailedSignIns", "another sender"

    throttled.advance_clock("6m")
    try:
        assert lookup(throttled, iin, "DEMO_PORTAL", "demo") == "SCSS001"
    finally:
        throttled.reset_clock()


def test_a_dev_instance_locks_nobody_out_by_default(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("alive")
    for guess in range(8):
        assert lookup(gateway, iin, "DEMO_PORTAL", f"guess-{guess}") == "Client.AuthenticationFailed"
    assert lookup(gateway, iin, "DEMO_PORTAL", "demo") == "SCSS001"


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    data_dir: Path = tmp_path_factory.mktemp("throttled-production")
    url = f"sqlite:///{data_dir / 'qaqpa.db'}"
    token = SecretStr("throttle-test-token")
    with live_gateway(data_dir, url, mode="production", admin_token=token, population_size=20) as live:
        yield live.http


def test_outside_dev_mode_guessing_the_admin_token_locks_the_address_out(production: httpx.Client) -> None:
    for guess in range(5):  # the production default
        refused = production.post("/console/login", data={"token": f"guess-{guess}", "next": "/console/"})
        assert refused.status_code == 401
    locked = production.post("/console/login", data={"token": "throttle-test-token", "next": "/console/"})
    assert locked.status_code == 429 and "try again in" in locked.text
    api = production.get("/api/v1/messages", headers={"Authorization": "Bearer throttle-test-token"})
    assert (api.status_code, api.json()["code"]) == (429, "Client.TooManyFailedSignIns")
