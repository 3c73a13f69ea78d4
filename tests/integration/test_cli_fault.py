"""``qaqpa fault`` against a running instance: a rule added from the shell breaks the next calls, is listed, and
is cleared; each works in a test run of its own, and bad input is a usage error."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from click.testing import CliRunner, Result

from gateway.cli import main
from tests.support.gateway import LiveGateway


@pytest.fixture
def run(gateway: LiveGateway) -> Iterator[str]:
    """A test run of this test's own, so its rules break no other test's calls."""
    name = f"cli-fault-{uuid.uuid4().hex[:8]}"
    yield name
    gateway.http.delete(f"/api/v1/runs/{name}")


def qaqpa(gateway: LiveGateway, run: str, *arguments: str) -> Result:
    return CliRunner().invoke(main, [*arguments, "--url", gateway.base_url, "--run", run])


def test_an_added_fault_breaks_the_next_calls_then_the_system_recovers(gateway: LiveGateway, run: str) -> None:
    [iin] = gateway.sample("deceased-in-registry")
    added = qaqpa(gateway, run, "fault", "add", "zags", "soap-fault; code=ZAGS.Busy", "--times", "1")
    assert added.exit_code == 0, added.output
    assert "soap-fault; code=ZAGS.Busy" in added.output and "active" in added.output

    failed = qaqpa(gateway, run, "call", "ZAGS_DeathActs", "--set", f"iin={iin}")
    assert failed.exit_code == 1 and "from     ZAGS.Busy" in failed.output
    recovered = qaqpa(gateway, run, "call", "ZAGS_DeathActs", "--set", f"iin={iin}")
    assert recovered.exit_code == 0, recovered.output

    assert "no fault rules in force" in qaqpa(gateway, run, "fault", "list").output
    spent = qaqpa(gateway, run, "fault", "list", "zags", "--all")
    assert "spent" in spent.output and "ZAGS.Busy" in spent.output


def test_rules_are_listed_per_service_and_cleared(gateway: LiveGateway, run: str) -> None:
    added = qaqpa(
        gateway, run, "fault", "add", "gbdfl", "latency; ms=5", "--service", "GBDFL_UniversalServiceSync", "--for", "1h"
    )
    assert added.exit_code == 0, added.output
    listed = qaqpa(gateway, run, "fault", "list")
    [row] = [line for line in listed.output.splitlines() if "GBDFL_UniversalServiceSync" in line]
    assert "latency; ms=5" in row and "gbdfl" in row

    cleared = qaqpa(gateway, run, "fault", "clear")
    assert cleared.exit_code == 0 and "removed 1 fault rule\n" in cleared.output
    default_namespace = CliRunner().invoke(main, ["fault", "list", "gbdfl", "--url", gateway.base_url])
    assert "latency; ms=5" not in default_namespace.output, "a run's rule is not the instance's"


def test_bad_rules_are_refused_with_the_reason(gateway: LiveGateway, run: str) -> None:
    unknown_system = qaqpa(gateway, run, "fault", "add", "atlantis", "hang")
    assert unknown_system.exit_code == 2 and "zags" in unknown_system.output
    unknown_kind = qaqpa(gateway, run, "fault", "add", "zags", "meteor")
    assert unknown_kind.exit_code == 2 and "FAULT" in unknown_kind.output and "soap-fault" in unknown_kind.output
    wrong_service = qaqpa(gateway, run, "fault", "add", "zags", "hang", "--service", "GBDFL_UniversalServiceSync")
    assert wrong_service.exit_code == 1 and "Client.UnknownService" in wrong_service.output
    bad_duration = qaqpa(gateway, run, "fault", "add", "zags", "hang", "--for", "soon")
    assert bad_duration.exit_code == 2 and "--for" in bad_duration.output
    away = CliRunner().invoke(main, ["fault", "list", "--url", "http://127.0.0.1:9"])
    assert away.exit_code == 1 and "cannot reach Qaqpa" in away.output


def test_qaqpa_run_in_the_environment_is_the_run_option(gateway: LiveGateway, run: str) -> None:
    added = CliRunner().invoke(
        main, ["fault", "add", "sud", "latency; ms=5", "--url", gateway.base_url], env={"QAQPA_RUN": run}
    )
    assert added.exit_code == 0, added.output
    assert "latency; ms=5" in qaqpa(gateway, run, "fault", "list", "sud").output
    default_namespace = CliRunner().invoke(main, ["fault", "list", "sud", "--url", gateway.base_url])
    assert "latency; ms=5" not in default_namespace.output, "QAQPA_RUN put the rule in the run"
