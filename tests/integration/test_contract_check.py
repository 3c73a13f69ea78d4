"""``qaqpa contract check``: the conformance runner passes against every mock system served alone, and fails
with a precise report against providers broken on purpose."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from gateway.app import create_mock_server
from gateway.bootstrap import bootstrap
from gateway.cli import main
from gateway.cli._options import open_pki
from gateway.cli.contract import openapi_text
from gateway.clock import SystemClock
from gateway.conformance import Report, Target, check_system
from gateway.pki import Pki
from gateway.settings import Settings
from gateway.storage.database import Database
from mocks import SYSTEMS
from mocks.catalogue import GBDFL, MockSystem
from mocks.population import sample_iins
from tests.support.pki import open_lab
from tests.support.processes import running
from tests.support.providers import misbehaving_provider_app
from tests.support.servers import ServerThread, free_port


@dataclass(frozen=True, slots=True)
class Instance:
    settings: Settings
    pki: Pki
    iins: list[str]


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Instance]:
    data_dir = tmp_path_factory.mktemp("conformance")
    settings = Settings(data_dir=data_dir, population_size=300)
    database = Database(settings.resolved_database_url)
    bootstrap(settings, database, SystemClock())
    iins = sample_iins(database.sync_engine, 3, None, SystemClock().now().date())
    database.sync_engine.dispose()
    database, pki = open_pki(settings)
    database.sync_engine.dispose()
    yield Instance(settings, pki, iins)


def _check(instance: Instance, target: Target) -> Report:
    return check_system(target, instance.iins, verifier=instance.pki.verifier, signer=instance.pki.gateway_key)


@pytest.mark.parametrize("mock", SYSTEMS, ids=lambda mock: mock.name)
def test_every_mock_system_served_alone_passes_its_own_contract(instance: Instance, mock: MockSystem) -> None:
    with ServerThread(create_mock_server(mock, instance.settings)) as server:
        report = _check(instance, Target(mock, server.base_url + "/", expect_bin=mock.bin))
    assert report.passed, report.text()
    checks = {(finding.service_id, finding.check) for finding in report.findings}
    for service in mock.services:
        for check in ("answer", "payload", "signature", "answer time", "fault shape"):
            assert (service.service_id, check) in checks
    assert (mock.code, "unknown serviceId") in checks


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """GBDFL-shaped providers that get the contract wrong, one way per path."""
    foreign = open_lab(tmp_path_factory.mktemp("foreign-pki")).key("sign", bin_=GBDFL.bin)
    with ServerThread(misbehaving_provider_app(foreign)) as server:
        yield server.base_url


def _failed(report: Report) -> dict[str, str]:
    assert not report.passed
    return {finding.check: finding.detail for finding in report.failures}


def test_an_answer_breaking_the_payload_schema_is_reported_with_its_path(instance: Instance, broken: str) -> None:
    failed = _failed(_check(instance, Target(GBDFL, f"{broken}/bad-payload")))
    assert "does not match its schema" in failed["answer"]
    assert "/sync:SendMessageResponse/response/responseData/data" in failed["answer"]
    assert "Expected is ( messageDate )" in failed["answer"]
    assert failed["payload"] == "not reached: no valid answer to check"
    # It answers a schema-breaking request and an unknown serviceId as if they were fine.
    assert "not a SOAP Fault" in failed["fault shape"] and "not a SOAP Fault" in failed["unknown serviceId"]


def test_an_answer_signed_under_another_ca_fails_the_signature_check(instance: Instance, broken: str) -> None:
    failed = _failed(_check(instance, Target(GBDFL, f"{broken}/foreign-signed")))
    assert "signature" in failed and "answer" not in failed and "payload" not in failed
    assert failed["signature"].startswith(f"iin {instance.iins[0]}: ")
    assert "UntrustedCertificate: the certificate of " in failed["signature"]
    assert "does not chain to the test CA" in failed["signature"]


def test_an_unsigned_answer_fails_only_when_signatures_are_required(instance: Instance, broken: str) -> None:
    failed = _failed(_check(instance, Target(GBDFL, f"{broken}/unsigned")))
    assert "Missing: the answer payload carries no enveloped ds:Signature" in failed["signature"]
    relaxed = _failed(_check(instance, Target(GBDFL, f"{broken}/unsigned", signature="optional")))
    assert "signature" not in relaxed


def test_a_provider_that_hangs_misses_the_answer_window(instance: Instance, broken: str) -> None:
    failed = _failed(_check(instance, Target(GBDFL, f"{broken}/hang", timeout_seconds=0.3)))
    assert "no answer within the window of 0.3 s" in failed["answer time"]


def test_the_cli_checks_a_standalone_mock_and_writes_junit_then_fails_a_broken_one(
    instance: Instance, broken: str, tmp_path: Path
) -> None:
    data = ["--data-dir", str(instance.settings.data_dir)]
    with running(["mock", "gbdfl"], instance.settings.data_dir, free_port()) as mock:
        junit = tmp_path / "contract.xml"
        result = CliRunner().invoke(
            main, ["contract", "check", "--system", "gbdfl", "--url", f"{mock.base_url}/", "--junit", str(junit), *data]
        )
    assert result.exit_code == 0, result.output
    assert "6 checks: 6 passed, 0 failed" in result.stdout
    _, _, header, *rows = result.stdout.splitlines()
    assert header.split() == ["ok", "serviceId", "check", "detail"]
    checks = [row.split()[:3] for row in rows[:6]]
    assert ["PASS", "GBDFL_UniversalServiceSync", "fault"] in checks and ["PASS", "GBDFL", "unknown"] in checks
    assert {row.index(row.split()[1]) for row in rows[:6]} == {header.index("serviceId")}
    # GBDFL has one serviceId: progress after it and after the unknown-serviceId check, on stderr alone.
    assert result.stderr.splitlines() == [
        "Checking GBDFL's serviceIds: 1/2 (50%)",
        "Checking GBDFL's serviceIds: 2/2 (100%)",
    ]
    suite = etree.parse(str(junit)).getroot().find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("6", "0")

    result = CliRunner().invoke(
        main,
        ["contract", "check", "--system", "gbdfl", "--url", f"{broken}/bad-payload", "--iin", "000000000000", *data],
    )
    assert result.exit_code == 1
    assert "FAIL  GBDFL_UniversalServiceSync  answer" in result.output and "iin 000000000000" in result.output


def test_the_cli_names_the_systems_when_the_name_is_wrong(instance: Instance) -> None:
    result = CliRunner().invoke(
        main, ["contract", "check", "--system", "nope", "--url", "http://127.0.0.1:9/", "--data-dir", "x"]
    )
    assert result.exit_code == 2 and "gbdfl" in result.output and "zags" in result.output


def test_the_cli_prints_or_writes_the_rest_facade_s_openapi(tmp_path: Path) -> None:
    printed = CliRunner().invoke(main, ["contract", "openapi"])
    assert printed.exit_code == 0, printed.output
    document = json.loads(printed.stdout)
    assert document["openapi"].startswith("3.") and "/api/v1/clock" in document["paths"]
    assert printed.stdout == openapi_text(), "the committed file's layout: sorted keys, 2-space indent"
    written = tmp_path / "openapi.json"
    result = CliRunner().invoke(main, ["contract", "openapi", "--out", str(written)])
    assert result.exit_code == 0 and result.stdout == ""
    assert written.read_text(encoding="utf-8") == printed.stdout
