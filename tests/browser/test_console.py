"""The console in a real browser: what a tester does when a call failed, to make one fail, and to pass a
deadline (issue #8's acceptance). Each test first chooses a test run in the page's header, so its fault
rules and clock touch only its own calls."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import Console
from tests.support.gateway import LiveGateway
from tests.support.shep import gbdfl_request, inline_data, read_fault, send_message


def _choose_run(console: Console) -> None:
    page = console.open("/console/systems")
    page.get_by_label("test run").fill(console.run)
    page.get_by_role("button", name="Use").click()
    expect(page.locator("footer")).to_contain_text(f"run {console.run}")


def _call_gbdfl(gateway: LiveGateway, run: str) -> bytes:
    body = send_message(inline_data(gbdfl_request(gateway.sample("alive")[0])))
    return gateway.post(body, headers={"X-Qaqpa-Run": run}).content


def test_a_fault_injected_from_the_systems_panel_fails_the_next_call(gateway: LiveGateway, console: Console) -> None:
    _choose_run(console)
    panel = console.page.locator("section#gbdfl")
    panel.get_by_label("Fault").select_option("soap-fault")
    panel.get_by_label("Parameters").fill("code=GBDFL.Down; message=maintenance window")
    panel.get_by_label("Calls").fill("1")
    panel.get_by_role("button", name="Inject").click()
    expect(panel.locator("tr.rule.active")).to_contain_text("soap-fault; code=GBDFL.Down")
    expect(panel.locator(".health")).to_have_text("up, with faults")
    console.screenshot("systems")

    fault = read_fault(_call_gbdfl(gateway, console.run))
    assert (fault.code, fault.sub_code) == ("Provider.Fault", "GBDFL.Down")
    assert b"SCSS001" in _call_gbdfl(gateway, console.run), "one call broken, then the system recovers"

    console.page.reload()
    expect(panel.locator("tr.rule")).to_contain_text("spent")
    expect(panel.locator(".health")).to_have_text("up")


def test_a_failed_exchange_shows_its_failing_hop_and_the_certificate(gateway: LiveGateway, console: Console) -> None:
    _choose_run(console)
    rule = {"fault": {"kind": "revoked-certificate"}, "times": 1}
    gateway.http.post("/api/v1/mocks/gbdfl/faults", json=rule, headers={"X-Qaqpa-Run": console.run})
    fault = read_fault(_call_gbdfl(gateway, console.run))
    assert fault.code == "Provider.Signature.RevokedByCrl"

    page = console.open("/console/messages")
    page.get_by_label("Outcome").select_option("fault")
    page.get_by_label("Code").fill("Provider.Signature.RevokedByCrl")
    page.get_by_role("button", name="Search").click()
    console.screenshot("messages")
    row = page.locator("tr.fault", has_text="Provider.Signature.RevokedByCrl").first
    row.locator("td.status a").click()

    expect(page.locator("#verdict")).to_contain_text("failed at the provider hop")
    expect(page.locator('tr.hop[data-hop="provider"]')).to_have_class(re.compile(r"\bfailed\b"))
    expect(page.locator('tr.hop[data-hop="gateway"]')).to_have_class(re.compile(r"\bskipped\b"))
    refused = page.locator("tr.signature.fault")
    expect(refused).to_contain_text("RevokedByCrl")
    expect(refused.locator(".certificate")).to_contain_text("Serial")
    expect(refused.locator(".certificate")).to_contain_text("BIN")
    expect(page.locator("svg.sequence .message.failed").first).to_be_visible()
    console.screenshot("exchange")


def test_advancing_the_clock_passes_a_case_s_deadline(gateway: LiveGateway, console: Console) -> None:
    _choose_run(console)
    headers = {"X-Qaqpa-Run": console.run}
    gateway.http.post("/api/v1/mocks/cbdi/faults", json={"fault": {"kind": "hang"}}, headers=headers)
    iin = gateway.sample("adult")[0]
    opened = gateway.http.post(
        "/api/v1/cases",
        json={"serviceId": "SOCPROT_DisabilityAssessment_Information", "iin": iin, "wait": False},
        headers=headers,
    ).json()
    assert opened["state"] == "querying", opened

    page = console.open("/console/cases")
    page.get_by_role("link", name=re.compile(r"\d{4}-\d\d-\d\d")).first.click()
    expect(page.locator("#case-state .state")).to_have_text("querying")
    expect(page.locator("#time-left")).to_contain_text(re.compile(r"(29|30) min left"))
    page.get_by_label("advance by").fill("31m")
    page.get_by_role("button", name="Advance").click()

    expect(page.locator("#case-state .state")).to_have_text("expired")
    expect(page.locator("#time-left")).to_contain_text("passed")
    expect(page.locator("#time-left")).to_have_class(re.compile(r"\bpassed\b"))
    expect(page.locator("ol.timeline")).to_contain_text("No answer within 30 minutes")
    expect(page.locator("#clock .badge").first).to_have_text("+31 min")
    console.screenshot("case")
