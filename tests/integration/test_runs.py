"""Test runs sharing one instance (docs/runs.md): two CI jobs, each with its own ``X-Qaqpa-Run``, do not see
each other's faults, journal, clock or cases; a bad run identifier is refused with its documented code."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import select

from mocks.runs import HEADER
from mocks.tables import mock_journal
from tests.support.cases import adult_young
from tests.support.gateway import LiveGateway
from tests.support.shep import read_fault, response_wrapper, send_message, simulated_data

SERVICE = "ZAGS_DeathActs"


class Run:
    """One CI job's view of the shared instance: every request it sends names its run."""

    def __init__(self, gateway: LiveGateway, name: str) -> None:
        self.gateway = gateway
        self.id = f"{name}-{uuid.uuid4().hex[:8]}"
        self.http = httpx.Client(base_url=gateway.base_url, timeout=30, headers={HEADER: self.id})

    def call(self) -> tuple[str, str]:
        """A death-acts query through the gateway: its messageId, and the status or fault code it got."""
        [iin] = self.gateway.sample("deceased-in-registry")
        message_id = str(uuid.uuid4())
        body = send_message(simulated_data("zags", iin), service_id=SERVICE, message_id=message_id)
        response = self.gateway.post(body, headers={HEADER: self.id})
        if response.status_code != 200:
            return message_id, read_fault(response.content).code
        return message_id, response_wrapper(response.content).findtext("response/responseInfo/status/code") or ""

    def ok(self, response: httpx.Response) -> Any:
        assert response.is_success, response.text
        return response.json()

    def now(self) -> datetime:
        return datetime.fromisoformat(self.ok(self.http.get("/api/v1/clock"))["now"])


@pytest.fixture
def runs(gateway: LiveGateway) -> Iterator[tuple[Run, Run]]:
    a, b = Run(gateway, "job-a"), Run(gateway, "job-b")
    yield a, b
    for run in (a, b):
        run.ok(run.http.delete(f"/api/v1/runs/{run.id}"))
        run.http.close()


def test_a_run_s_fault_rules_break_only_its_own_calls(gateway: LiveGateway, runs: tuple[Run, Run]) -> None:
    a, b = runs
    a.ok(a.http.post("/api/v1/mocks/zags/faults", json={"fault": {"kind": "soap-fault"}}))
    assert a.call()[1] == "Provider.Fault"
    assert b.call()[1] == "SCSS001"
    default = send_message(simulated_data("zags", gateway.sample("deceased-in-registry")[0]), service_id=SERVICE)
    assert response_wrapper(gateway.post(default).content).findtext("response/responseInfo/status/code") == "SCSS001"
    assert [rule["run"] for rule in a.ok(a.http.get("/api/v1/mocks/zags/faults"))["faults"]] == [a.id]
    assert b.ok(b.http.get("/api/v1/mocks/zags/faults"))["faults"] == []
    assert a.id not in {rule["run"] for rule in gateway.http.get("/api/v1/mocks/zags/faults").json()["faults"]}
    assert b.ok(b.http.delete("/api/v1/mocks/zags/faults")) == {"deleted": 0}, "b cannot clear a's rules"
    assert a.call()[1] == "Provider.Fault"


def test_a_run_s_journal_holds_only_its_own_requests(gateway: LiveGateway, runs: tuple[Run, Run]) -> None:
    a, b = runs
    sent_by_a = a.call()[0]
    sent_by_b = {b.call()[0], b.call()[0]}
    criteria = {"serviceId": SERVICE}
    assert a.ok(a.http.get("/api/v1/mocks/zags/journal/count", params=criteria)) == {"count": 1}
    assert b.ok(b.http.get("/api/v1/mocks/zags/journal/count", params=criteria)) == {"count": 2}
    [entry] = a.ok(a.http.get("/api/v1/mocks/zags/journal", params=criteria))["requests"]
    assert (entry["run"], entry["messageId"]) == (a.id, sent_by_a)
    assert {e["messageId"] for e in b.ok(b.http.get("/api/v1/mocks/zags/journal"))["requests"]} == sent_by_b
    default = gateway.http.get("/api/v1/mocks/zags/journal", params={"messageId": sent_by_a}).json()
    assert default["requests"] == [], "the default namespace does not show a run's requests"
    assert b.ok(b.http.delete("/api/v1/mocks/zags/journal")) == {"deleted": 2}
    assert a.ok(a.http.get("/api/v1/mocks/zags/journal/count")) == {"count": 1}, "b's clearing left a's alone"


def test_a_run_s_clock_moves_for_it_alone_and_reaches_the_mocks(gateway: LiveGateway, runs: tuple[Run, Run]) -> None:
    a, b = runs
    moved = a.ok(a.http.post("/api/v1/clock/advance", json={"by": "2d"}))
    assert moved["run"] == a.id
    instance_now = datetime.fromisoformat(gateway.http.get("/api/v1/clock").json()["now"])
    assert a.now() - instance_now > timedelta(days=1, hours=23)
    assert abs(b.now() - instance_now) < timedelta(minutes=1), "b reads the instance's clock"
    b.ok(b.http.post("/api/v1/clock/freeze", json={"at": "2027-01-01T09:00:00+05:00"}))
    assert b.now() == datetime.fromisoformat("2027-01-01T09:00:00+05:00")
    assert a.now() - instance_now > timedelta(days=1, hours=23), "b's freeze left a's clock running, 2 days on"
    a.call()
    [entry] = a.ok(a.http.get("/api/v1/mocks/zags/journal"))["requests"]
    assert datetime.fromisoformat(entry["receivedAt"]) - instance_now > timedelta(days=1), "the mock read a's clock"


def test_each_run_s_cases_follow_its_clock_and_are_its_own(gateway: LiveGateway, runs: tuple[Run, Run]) -> None:
    a, b = runs
    iin = adult_young(gateway)[0]
    opened = {}
    for run in (a, b):
        run.ok(run.http.post("/api/v1/mocks/cbdi/faults", json={"fault": {"kind": "hang"}}))
        body = {"serviceId": "SOCPROT_DisabilityAssessment_Information", "iin": iin, "wait": False}
        opened[run.id] = run.ok(run.http.post("/api/v1/cases", json=body))
        assert opened[run.id]["state"] == "querying" and opened[run.id]["run"] == run.id
    a_case, b_case = opened[a.id]["caseId"], opened[b.id]["caseId"]
    a.ok(a.http.post("/api/v1/clock/advance", json={"by": "31m"}))
    expired = a.ok(a.http.get(f"/api/v1/cases/{a_case}"))
    assert (expired["state"], expired["ground"]["code"]) == ("expired", "deadline-missed")
    assert b.ok(b.http.get(f"/api/v1/cases/{b_case}"))["state"] == "querying", "b's 30 minutes have not passed"
    assert b.http.get(f"/api/v1/cases/{a_case}").status_code == 404
    assert [case["caseId"] for case in b.ok(b.http.get("/api/v1/cases", params={"iin": iin}))] == [b_case]
    assert a_case not in {case["caseId"] for case in gateway.http.get("/api/v1/cases", params={"iin": iin}).json()}


def test_a_run_s_message_log_holds_only_its_own_exchanges(gateway: LiveGateway, runs: tuple[Run, Run]) -> None:
    """Unlike the journal, the log without a run is the operator's: every run's exchanges, each named by run."""
    a, b = runs
    sent_by_a = a.call()[0]
    sent_by_b = {b.call()[0], b.call()[0]}
    [mine] = a.ok(a.http.get("/api/v1/messages", params={"serviceId": SERVICE}))["exchanges"]
    assert (mine["run"], mine["messageId"]) == (a.id, sent_by_a)
    theirs = b.ok(b.http.get("/api/v1/messages", params={"serviceId": SERVICE}))["exchanges"]
    assert {exchange["messageId"] for exchange in theirs} == sent_by_b
    one_of_b = next(iter(sent_by_b))
    assert a.http.get(f"/api/v1/messages/{one_of_b}").json()["code"] == "Client.NotFound"
    [record] = a.ok(a.http.get("/api/v1/operational-data", params={"serviceId": SERVICE}))["records"]
    assert record["messageId"] == sent_by_a
    everyone = gateway.http.get("/api/v1/messages", params={"serviceId": SERVICE, "limit": 500}).json()["exchanges"]
    assert {sent_by_a, *sent_by_b} <= {exchange["messageId"] for exchange in everyone}

    page = gateway.http.get("/console/messages", params={"run": b.id})
    assert page.status_code == 200
    assert all(quote(exchange["sessionId"]) in page.text for exchange in theirs)
    assert quote(mine["sessionId"]) not in page.text


def test_forgetting_a_run_removes_what_it_left(gateway: LiveGateway) -> None:
    run = Run(gateway, "job-done")
    run.ok(run.http.post("/api/v1/mocks/zags/faults", json={"fault": {"kind": "latency", "ms": 1}}))
    run.call()
    run.ok(run.http.post("/api/v1/clock/advance", json={"by": "1h"}))
    forgotten = run.ok(gateway.http.delete(f"/api/v1/runs/{run.id}"))
    assert forgotten == {"run": run.id, "faults": 1, "journal": 1, "clock": True, "cases": 0}
    # The log keeps the run's exchanges: a failed CI job is looked into after it has ended.
    assert len(run.ok(run.http.get("/api/v1/messages"))["exchanges"]) == 1
    assert run.ok(run.http.get("/api/v1/mocks/zags/faults"))["faults"] == []
    assert run.ok(run.http.get("/api/v1/mocks/zags/journal/count")) == {"count": 0}
    instance_now = datetime.fromisoformat(gateway.http.get("/api/v1/clock").json()["now"])
    assert abs(run.now() - instance_now) < timedelta(minutes=1), "the run reads the instance's clock again"
    run.http.close()


@pytest.mark.parametrize("path", ["/api/v1/clock", "/bip-sync/", "/mocks/zags/"])
@pytest.mark.parametrize("value", ["two words", "-starts-with-a-dash", "x" * 65, "ключ"])
def test_a_bad_run_identifier_is_refused_on_every_channel(gateway: LiveGateway, path: str, value: str) -> None:
    response = gateway.http.request(
        "GET" if path.startswith("/api") else "POST",
        path,
        content=b"<x/>",
        headers={HEADER.encode(): value.encode(), b"Content-Type": b"text/xml"},
    )
    assert response.status_code == 400
    problem = response.json()
    assert (problem["code"], problem["hop"]) == ("Client.InvalidRunHeader", "client")
    assert HEADER in problem["message"]


@pytest.mark.parametrize("path", ["/bip-sync/", "/bip-async/"])
def test_the_openapi_lists_the_bad_run_identifier_s_problem_on_the_soap_endpoints(
    gateway: LiveGateway, path: str
) -> None:
    answers = gateway.http.get("/openapi.json").json()["paths"][path]["post"]["responses"]
    problem = answers["400"]["content"]["application/problem+json"]["schema"]
    assert problem == {"$ref": "#/components/schemas/Problem"}
    assert "Client.InvalidRunHeader" in answers["400"]["description"]


JOB_A = """
from datetime import UTC, datetime, timedelta


def test_job_a_breaks_the_civil_registry_and_moves_its_clock(qaqpa_instance):
    qaqpa = qaqpa_instance  # the session's sandbox: nothing is put back after this test
    assert qaqpa.run == "{run}"
    qaqpa.inject("zags", "soap-fault")
    qaqpa.advance_clock("1d")
    [iin] = qaqpa.citizens(where="deceased-in-registry")
    answer = qaqpa.send(qaqpa.envelope("ZAGS_DeathActs", qaqpa.example("ZAGS_DeathActs", iin=iin)))
    assert answer.status_code == 500 and b"Provider.Fault" in answer.content
    assert qaqpa.now() > datetime.now(UTC) + timedelta(hours=23)
"""

JOB_B = """
from datetime import UTC, datetime, timedelta


def test_job_b_sees_nothing_of_job_a(qaqpa):
    assert qaqpa.run.startswith("pytest-")
    assert abs(qaqpa.now() - datetime.now(UTC)) < timedelta(minutes=5)
    assert qaqpa.journal("zags") == []
    [iin] = qaqpa.citizens(where="deceased-in-registry")
    answer = qaqpa.send(qaqpa.envelope("ZAGS_DeathActs", qaqpa.example("ZAGS_DeathActs", iin=iin)))
    assert answer.status_code == 200, answer.text
    qaqpa.assert_received("zags", count=1)
"""


def _suite(folder: Path, source: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    folder.mkdir()
    (folder / "test_job.py").write_text(source)
    environment = {name: value for name, value in os.environ.items() if not name.startswith("QAQPA_")}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", *arguments]
    return subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True, timeout=300)


def test_two_plugin_sessions_on_one_instance_each_work_in_their_own_run(gateway: LiveGateway, tmp_path: Path) -> None:
    named = f"job-a-{uuid.uuid4().hex[:8]}"
    job_a = _suite(tmp_path / "a", JOB_A.replace("{run}", named), "--qaqpa-url", gateway.base_url, "--qaqpa-run", named)
    assert job_a.returncode == 0, job_a.stdout + job_a.stderr
    job_b = _suite(tmp_path / "b", JOB_B, "--qaqpa-url", gateway.base_url)
    assert job_b.returncode == 0, job_b.stdout + job_b.stderr
    left = Run(gateway, "observer")
    left.http.headers[HEADER] = named
    assert [rule["run"] for rule in left.ok(left.http.get("/api/v1/mocks/zags/faults"))["faults"]] == [named]
    generated = gateway.rows(select(mock_journal.c.run_id).where(mock_journal.c.run_id.like("pytest-%")))
    assert generated == [], "job b's own run was forgotten when its session ended"
    left.ok(left.http.delete(f"/api/v1/runs/{named}"))
    left.http.close()
