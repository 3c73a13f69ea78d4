"""The ``qaqpa`` command as a user runs it: ``qaqpa up`` (what ``make run`` starts) and the population commands."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import zeep
from click.testing import CliRunner

from contracts import namespaces as ns
from gateway.cli import main
from signing.iin import iin_birth_date, is_valid_iin
from tests.support.servers import free_port

QAQPA = str(Path(sys.executable).with_name("qaqpa"))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``qaqpa up`` in its own process, on its embedded defaults but for the port, data directory and size."""
    data_dir = tmp_path_factory.mktemp("up")
    port = free_port()
    command = [QAQPA, "up", "--port", str(port), "--data-dir", str(data_dir), "--population-size", "300"]
    log_path = data_dir / "qaqpa-up.log"
    log_file = log_path.open("wb")
    process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, env={**os.environ})
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"qaqpa up did not become healthy:\n{log_path.read_text()}")
            time.sleep(0.1)
        yield base_url, data_dir
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log_file.close()


def test_qaqpa_up_serves_a_zeep_client(served: tuple[str, Path]) -> None:
    base_url, data_dir = served
    runner = CliRunner()
    sampled = runner.invoke(
        main, ["population", "sample", "--count", "1", "--where", "adult", "--data-dir", str(data_dir)]
    )
    assert sampled.exit_code == 0, sampled.output
    iin = sampled.output.strip()
    client = zeep.Client(f"{base_url}/bip-sync/?wsdl")
    request_type = client.get_type(f"{{{ns.GBDFL_MESSAGE}}}Request")
    now = datetime.datetime.now(datetime.UTC)
    result = client.service.SendMessage(
        request={
            "requestInfo": {
                "messageId": str(uuid.uuid4()),
                "serviceId": "GBDFL_UniversalServiceSync",
                "messageDate": now,
                "sender": {"senderId": "DEMO_PORTAL", "password": "demo"},
            },
            "requestData": {
                "data": zeep.AnyObject(
                    request_type, request_type(messageId="1", messageDate=now, senderCode="DEMO_PORTAL", iin=iin)
                )
            },
        }
    )
    assert result.responseData.data.persons.person[0].iin == iin
    assert (data_dir / "qaqpa.db").is_file()


def test_population_sample_prints_existing_citizens_with_the_feature(served: tuple[str, Path]) -> None:
    _, data_dir = served
    result = CliRunner().invoke(
        main, ["population", "sample", "--count", "5", "--where", "child", "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 0, result.output
    iins = result.output.split()
    assert len(iins) == 5
    today = datetime.date.today()
    for iin in iins:
        assert is_valid_iin(iin)
        born = iin_birth_date(iin)
        assert born is not None and (today - born).days < 18 * 366


def test_an_unknown_feature_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["population", "sample", "--where", "unicorn", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "unicorn" in result.output


def test_sample_without_a_population_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["population", "sample", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "qaqpa up" in result.output


def test_population_features_lists_each_feature() -> None:
    result = CliRunner().invoke(main, ["population", "features"])
    assert result.exit_code == 0
    assert "deceased" in result.output and "child" in result.output


def test_production_mode_refuses_the_default_admin_token(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["up", "--mode", "production", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "admin token" in result.output


def test_population_generate_replaces_the_population(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["population", "generate", "--size", "50", "--seed", "1", "--data-dir", str(tmp_path)])
    assert first.exit_code == 0, first.output
    before = runner.invoke(main, ["population", "sample", "--count", "50", "--data-dir", str(tmp_path)]).output.split()
    runner.invoke(main, ["population", "generate", "--size", "50", "--seed", "2", "--data-dir", str(tmp_path)])
    after = runner.invoke(main, ["population", "sample", "--count", "50", "--data-dir", str(tmp_path)]).output.split()
    assert len(before) == len(after) == 50
    assert before != after
