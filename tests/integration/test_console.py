"""The console's pages and forms over HTTP, without a browser (tests/browser/ drives it in Chromium).

Each test works in a test run of its own (the console's run cookie, the calls' X-Qaqpa-Run header), so its
fault rules and clock moves touch no other test sharing the instance.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from pydantic import SecretStr

from tests.support.gateway import LiveGateway, live_gateway
from tests.support.shep import gbdfl_request, inline_data, send_message


@dataclass(frozen=True)
class Console:
    http: httpx.Client
    run: str


@pytest.fixture
def console(gateway: LiveGateway) -> Iterator[Console]:
    """The console of the shared instance, in a test run of its own (forgotten afterwards)."""
    run = f"console-{uuid.uuid4().hex[:12]}"
    with httpx.Client(base_url=gateway.base_url, timeout=30, cookies={"qaqpa_run": run}) as client:
        yield Console(client, run)
    gateway.http.delete(f"/api/v1/runs/{run}")


def _call(gateway: LiveGateway, run: str, service_id: str = "GBDFL_UniversalServiceSync") -> str:
    body = send_message(inline_data(gbdfl_request(gateway.sample("alive")[0])), service_id=service_id)
    return gateway.post(body, headers={"X-Qaqpa-Run": run}).headers["X-Qaqpa-Session-Id"]


def test_every_page_renders_and_links_its_neighbours(gateway: LiveGateway, console: Console) -> None:
    _call(gateway, console.run)
    for path in ("/console/messages", "/console/cases", "/console/systems"):
        page = console.http.get(path)
        assert page.status_code == 200, page.text[:500]
        assert page.headers["content-type"].startswith("text/html")
        assert all(f'href="/console/{name}"' in page.text for name in ("messages", "cases", "systems"))
    assert console.http.get("/console/console.css").headers["content-type"].startswith("text/css")
    home = console.http.get("/console", follow_redirects=True)
    assert home.url.path == "/console/messages"
    assert "/console" not in str(gateway.http.get("/openapi.json").json()["paths"])


def test_the_message_log_filters_and_links_each_exchange(gateway: LiveGateway, console: Console) -> None:
    run = console.run
    ok, failed = _call(gateway, run), _call(gateway, run, "TEST_Hang")
    faults = console.http.get("/console/messages", params={"outcome": "fault", "code": "Provider.Timeout"}).text
    assert f"/console/messages/{quote(failed, safe='')}" in faults
    assert f"/console/messages/{quote(ok, safe='')}" not in faults
    by_service = console.http.get("/console/messages", params={"service": "GBDFL_UniversalServiceSync"}).text
    assert quote(ok, safe="") in by_service and quote(failed, safe="") not in by_service


def test_a_filter_that_is_not_a_time_is_an_error_page_not_a_crash(console: Console) -> None:
    page = console.http.get("/console/messages", params={"since": "yesterday-ish"})
    assert page.status_code == 400
    assert "Client.SchemaViolation" in page.text and "since" in page.text
    assert "Traceback" not in page.text


def test_an_exchange_shows_its_failing_hop_and_the_refused_certificate(gateway: LiveGateway, console: Console) -> None:
    run = console.run
    injected = console.http.post("/console/systems/gbdfl/faults", data={"kind": "expired-certificate", "times": "1"})
    assert injected.status_code == 303 and injected.headers["location"] == "/console/systems#gbdfl"
    session_id = _call(gateway, run)
    (logged,) = gateway.http.get("/api/v1/messages", params={"sessionId": session_id}).json()["exchanges"]
    (refused,) = [signature for signature in logged["signatures"] if not signature["valid"]]

    page = console.http.get(f"/console/messages/{quote(session_id, safe='')}").text
    assert "Provider.Signature.CertificateExpired" in page
    assert re.search(r'<tr class="hop failed" data-hop="provider">', page)
    assert re.search(r'<tr class="hop skipped" data-hop="gateway">', page)
    assert refused["signer"]["serial"] in page
    assert '<span class="validity expired">expired</span>' in page
    assert '<svg class="sequence"' in page and 'class="message failed"' in page


def test_an_unknown_exchange_is_a_not_found_page(console: Console) -> None:
    page = console.http.get("/console/messages/no-such-session")
    assert page.status_code == 404
    assert "Client.NotFound" in page.text and "no-such-session" in page.text


def test_a_correlation_chain_is_one_diagram(gateway: LiveGateway, console: Console) -> None:
    correlation_id = f"console-chain-{uuid.uuid4()}"
    for _ in range(2):
        body = send_message(inline_data(gbdfl_request(gateway.sample("alive")[0])))
        body = body.replace(b"</messageId>", f"</messageId><correlationId>{correlation_id}</correlationId>".encode(), 1)
        gateway.post(body, headers={"X-Qaqpa-Run": console.run})
    page = console.http.get(f"/console/chains/{correlation_id}").text
    assert page.count("<text x=") >= 8, "two exchanges, four messages each"
    assert page.count('href="/console/messages/') >= 2


def test_the_systems_panel_injects_and_clears_faults(gateway: LiveGateway, console: Console) -> None:
    run = console.run
    console.http.post("/console/systems/zags/faults", data={"kind": "http-error", "parameters": "status=502"})
    panel = console.http.get("/console/systems").text
    assert "http-error; status=502" in panel and "up, with faults" in panel
    assert gateway.http.get("/api/v1/mocks/zags/faults").json()["faults"] == [], "the default run is untouched"
    in_run = gateway.http.get("/api/v1/mocks/zags/faults", headers={"X-Qaqpa-Run": run}).json()["faults"]
    assert [rule["fault"] for rule in in_run] == [{"kind": "http-error", "status": 502}]

    cleared = console.http.post("/console/systems/zags/clear")
    assert cleared.status_code == 303
    assert gateway.http.get("/api/v1/mocks/zags/faults", headers={"X-Qaqpa-Run": run}).json()["faults"] == []


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"kind": "teleport"}, "unknown fault kind"),
        ({"kind": "latency", "parameters": "ms=fast"}, "ms"),
        ({"kind": "hang", "times": "0"}, "times must be more than 0"),
        ({"kind": "hang", "serviceId": "ZAGS_BirthActs"}, "does not answer serviceId"),
    ],
)
def test_a_fault_the_form_cannot_obey_is_said_next_to_the_form(
    console: Console, fields: dict[str, str], says: str
) -> None:
    page = console.http.post("/console/systems/gbdfl/faults", data=fields)
    assert page.status_code == 400
    assert '<p class="problem" role="alert">' in page.text and says in page.text
    assert '<table class="rules">' not in page.text.split('id="gbdfl"')[1].split("</section>")[0], "no rule was added"


def test_the_clock_form_moves_the_run_s_clock_only(gateway: LiveGateway, console: Console) -> None:
    run = console.run
    moved = console.http.post("/console/clock", data={"action": "advance", "by": "2h", "back": "/console/cases"})
    assert moved.status_code == 303 and moved.headers["location"] == "/console/cases"
    in_run = gateway.http.get("/api/v1/clock", headers={"X-Qaqpa-Run": run}).json()
    assert in_run["offsetSeconds"] == pytest.approx(7200, abs=1)
    assert gateway.http.get("/api/v1/clock").json()["offsetSeconds"] == 0
    assert '<span class="badge">+2 h 0 min</span>' in console.http.get("/console/cases").text

    console.http.post("/console/clock", data={"action": "freeze"})
    assert gateway.http.get("/api/v1/clock", headers={"X-Qaqpa-Run": run}).json()["frozen"]
    console.http.post("/console/clock", data={"action": "reset"})
    assert gateway.http.get("/api/v1/clock", headers={"X-Qaqpa-Run": run}).json()["offsetSeconds"] == 0


@pytest.mark.parametrize(
    ("fields", "says"), [({"action": "advance", "by": "soon"}, "advance the clock by what"), ({"action": "x"}, "x")]
)
def test_a_clock_change_it_cannot_make_is_an_error_page(console: Console, fields: dict[str, str], says: str) -> None:
    page = console.http.post("/console/clock", data=fields)
    assert page.status_code == 400 and says in page.text and "Client.SchemaViolation" in page.text


def test_a_form_never_sends_the_browser_off_the_console(console: Console) -> None:
    for back in ("https://evil.example/", "//evil.example/console/", "/console/..\\evil"):
        moved = console.http.post("/console/clock", data={"action": "reset", "back": back})
        assert moved.headers["location"] == "/console/messages"


def test_the_run_form_sets_and_clears_the_run_cookie(gateway: LiveGateway) -> None:
    with httpx.Client(base_url=gateway.base_url) as browser:
        chosen = browser.post("/console/run", data={"run": "nightly-42", "back": "/console/systems"})
        assert chosen.status_code == 303 and chosen.headers["location"] == "/console/systems"
        cookie = chosen.headers["set-cookie"]
        assert "qaqpa_run=nightly-42" in cookie and "SameSite=strict" in cookie and "HttpOnly" in cookie
        assert "run <b>nightly-42</b>" in browser.get("/console/systems").text
        cleared = browser.post("/console/run", data={"run": ""})
        assert 'qaqpa_run=""' in cleared.headers["set-cookie"]
        assert "run <b>" not in browser.get("/console/systems").text
        refused = browser.post("/console/run", data={"run": "no spaces allowed"})
        assert refused.status_code == 400 and "not a run identifier" in refused.text


def test_a_case_shows_its_timeline_and_the_exchanges_it_made(gateway: LiveGateway, console: Console) -> None:
    run = console.run
    headers = {"X-Qaqpa-Run": run}
    iin = gateway.sample("adult")[0]
    opened = gateway.http.post(
        "/api/v1/cases",
        json={"serviceId": "SOCPROT_DisabilityAssessment_Information", "iin": iin},
        headers=headers,
    ).json()
    listing = console.http.get("/console/cases").text
    assert f"/console/cases/{opened['caseId']}" in listing
    page = console.http.get(f"/console/cases/{opened['caseId']}").text
    assert opened["state"] in page and "received" in page
    assert '<svg class="sequence"' in page, "the case's queries, as a diagram"
    assert console.http.get("/console/cases/not-a-case").status_code == 404


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    data_dir: Path = tmp_path_factory.mktemp("production-console")
    url = f"sqlite:///{data_dir / 'qaqpa.db'}"
    with live_gateway(
        data_dir, url, mode="production", admin_token=SecretStr("console-test-token"), population_size=20
    ) as live:
        yield live.http


def test_outside_dev_mode_the_console_asks_for_the_admin_token(production: httpx.Client) -> None:
    asked = production.get("/console/systems?x=1", follow_redirects=False)
    assert asked.status_code == 303
    assert asked.headers["location"] == "/console/login?next=%2Fconsole%2Fsystems%3Fx%3D1"
    refused = production.post("/console/clock", data={"action": "reset"})
    assert refused.status_code == 401 and "Client.AuthenticationFailed" in refused.text

    wrong = production.post("/console/login", data={"token": "guess", "next": "/console/systems"})
    assert wrong.status_code == 401 and "not the admin token" in wrong.text
    signed = production.post(
        "/console/login", data={"token": "console-test-token", "next": "/console/systems"}, follow_redirects=False
    )
    assert signed.status_code == 303 and signed.headers["location"] == "/console/systems"
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "console-test-token" not in cookie, "the cookie holds a digest, never the token"
    assert production.get("/console/systems").status_code == 200
    assert "production mode" in production.get("/console/messages").text

    production.post("/console/logout")
    assert production.get("/console/messages", follow_redirects=False).status_code == 303


def test_a_method_a_page_does_not_take_is_405_with_the_methods_it_does(gateway: LiveGateway) -> None:
    refused = gateway.http.delete("/console/clock")
    assert refused.status_code == 405 and "Client.SchemaViolation" in refused.text
    assert refused.headers["allow"] == "POST"
