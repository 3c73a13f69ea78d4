"""Outside dev mode every operator endpoint needs the admin token; only the published ones are open.

The admin check is a dependency each route declares, so a route that forgot it would be open to anyone: this
walks every operation of the instance's own OpenAPI and knocks without the token, with a sender's
credentials, and with a wrong token. The open ones are listed here, each with why anyone may call it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from tests.support.gateway import live_gateway

TOKEN = "access-test-token"
OPEN: dict[tuple[str, str], str] = {
    ("GET", "/bip-sync/"): "the SyncChannel's WSDL",
    ("POST", "/bip-sync/"): "the SyncChannel: the sender's own credentials",
    ("GET", "/bip-async/"): "the AsyncChannel's WSDL",
    ("POST", "/bip-async/"): "the AsyncChannel: the sender's own credentials",
    ("GET", "/bip-async/client"): "the WSDL a push recipient implements",
    ("POST", "/api/v1/async/messages"): "REST sendMessage: the sender's own credentials",
    ("GET", "/api/v1/async/messages"): "REST getMessages: the sender's own messages",
    ("GET", "/api/v1/async/messages/{message_id}"): "REST getMessageStatus: the sender's own messages",
    ("POST", "/api/v1/async/messages/{message_id}/delivery"): "REST delivery notification: the sender's own",
    ("GET", "/api/v1/async/endpoint"): "the sender's own push address",
    ("PUT", "/api/v1/async/endpoint"): "the sender's own push address",
    ("DELETE", "/api/v1/async/endpoint"): "the sender's own push address",
    ("GET", "/api/v1/services"): "the service catalogue, as ShEP publishes it",
    ("GET", "/api/v1/regulations"): "the regulations, public law",
    ("GET", "/api/v1/regulations/{slug}"): "one regulation, public law",
    ("GET", "/contracts/{path}"): "the WSDLs and schemas",
    ("GET", "/api/v1/meta/listMethods"): "X-Road's metaservice: the services",
    ("POST", "/api/v1/meta/allowedMethods"): "X-Road's metaservice: the sender's own credentials",
    ("GET", "/api/v1/meta/getWsdl"): "X-Road's metaservice: a service's WSDL",
    ("GET", "/pki/root.crt"): "the test CA's certificate, published as the NCA's are",
    ("GET", "/pki/ca.crt"): "the issuing CA's certificate",
    ("GET", "/pki/chain.pem"): "the chain",
    ("GET", "/pki/crl"): "the revocation list",
    ("POST", "/pki/ocsp"): "the OCSP responder",
    ("GET", "/health"): "load balancers and container healthchecks",
    ("GET", "/api/v1/clock"): "the instance's time, read only (moving it needs the token)",
    ("GET", "/api/v1/mocks"): "the mock systems, as the service catalogue lists them",
    ("GET", "/metrics"): "Prometheus: counts by code and serviceId, no message content",
}
SAMPLE_PATH_VALUES = {"name": "gbdfl", "iin": "061211600012", "kind": "disabilities", "serial": "1", "run": "r1"}


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    data_dir: Path = tmp_path_factory.mktemp("production-access")
    url = f"sqlite:///{data_dir / 'qaqpa.db'}"
    # The walk knocks with a wrong token on every route: the sign-in throttle (its own tests) must not end it.
    settings = {"admin_token": SecretStr(TOKEN), "population_size": 20, "sign_in_attempts": 10_000}
    with live_gateway(data_dir, url, mode="production", **settings) as live:
        yield live.http


def _operations(client: httpx.Client) -> list[tuple[str, str]]:
    paths = client.get("/openapi.json").json()["paths"]
    return sorted((method.upper(), path) for path, operations in paths.items() for method in operations)


def _concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: SAMPLE_PATH_VALUES.get(match.group(1), "x"), path)


def test_every_operation_but_the_open_ones_needs_the_admin_token(production: httpx.Client) -> None:
    operations = _operations(production)
    assert set(OPEN) <= set(operations), f"no longer served: {set(OPEN) - set(operations)}"
    guarded = [operation for operation in operations if operation not in OPEN]
    assert len(guarded) > 40, guarded  # the message log, mocks, population, clock, cases, PKI admin, runs, …
    knocks = {
        "no token": {},
        "a sender's credentials": {"Authorization": "Basic REVNT19QT1JUQUw6ZGVtbw=="},
        "a wrong token": {"Authorization": "Bearer not-the-token"},
    }
    let_in = []
    for method, path in guarded:
        for knock, headers in knocks.items():
            answer = production.request(method, _concrete(path), headers=headers, json={})
            if answer.status_code != 401 or answer.json().get("code") != "Client.AuthenticationFailed":
                let_in.append(f"{method} {path} with {knock}: {answer.status_code} {answer.text[:120]}")
    assert not let_in, "\n".join(let_in)


def test_the_admin_token_opens_them(production: httpx.Client) -> None:
    admin = {"Authorization": f"Bearer {TOKEN}"}
    for path in ("/api/v1/messages", "/api/v1/operational-data", "/api/v1/mocks/gbdfl/journal", "/api/v1/cases"):
        answer = production.get(path, headers=admin)
        assert answer.status_code == 200, (path, answer.text[:300])


def test_the_message_log_is_not_a_senders_to_read(production: httpx.Client) -> None:
    """A sender reads its own async messages over REST; the log of every sender's exchanges is the operator's."""
    refused = production.get("/api/v1/messages", auth=("DEMO_PORTAL", "demo"))
    assert refused.status_code == 401 and refused.json()["code"] == "Client.AuthenticationFailed"
    console = production.get("/console/messages", auth=("DEMO_PORTAL", "demo"), follow_redirects=False)
    assert console.status_code == 303 and console.headers["location"].startswith("/console/login")
