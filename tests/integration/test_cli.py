"""The ``qaqpa`` command as a user runs it: ``qaqpa up`` (what ``make run`` starts) and the population commands."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import zeep
from click.testing import CliRunner

from contracts import namespaces as ns
from gateway.cli import main
from mocks.population import FEATURES
from signing.iin import iin_birth_date, is_valid_iin
from tests.support.gateway import kz_today
from tests.support.processes import running as running_process
from tests.support.servers import free_port
from tests.support.shep import (
    gbdfl_request,
    inline_data,
    read_fault,
    response_payload,
    response_wrapper,
    send_message,
    simulated_data,
    zeep_lookup,
)


@contextmanager
def running(arguments: list[str], data_dir: Path, port: int) -> Iterator[str]:
    """``qaqpa <arguments>`` in its own process until the block ends; yields its base URL once it is healthy."""
    with running_process(arguments, data_dir, port) as process:
        yield process.base_url


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``qaqpa up`` in its own process, on its embedded defaults but for the port, data directory and size."""
    data_dir = tmp_path_factory.mktemp("up")
    with running(["up", "--population-size", "300"], data_dir, free_port()) as base_url:
        yield base_url, data_dir


def test_qaqpa_up_serves_a_zeep_client(served: tuple[str, Path]) -> None:
    base_url, data_dir = served
    runner = CliRunner()
    sampled = runner.invoke(
        main, ["population", "sample", "--count", "1", "--where", "adult", "--data-dir", str(data_dir)]
    )
    assert sampled.exit_code == 0, sampled.output
    iin = sampled.output.strip()
    with zeep.Client(f"{base_url}/bip-sync/?wsdl") as client:
        result = zeep_lookup(client, iin)
        assert result.responseData.data.persons.person[0].iin == iin
        assert (data_dir / "qaqpa.db").is_file()


def test_qaqpa_up_with_two_workers_on_a_fresh_data_directory_makes_one_test_ca(tmp_path: Path) -> None:
    """Both workers start at once on an empty ``pki/``: they must share one CA and sign calls that cross them."""
    arguments = ["up", "--workers", "2", "--population-size", "200"]
    with running(arguments, tmp_path, free_port()) as base_url:
        [iin] = (
            CliRunner()
            .invoke(main, ["population", "sample", "--count", "1", "--data-dir", str(tmp_path)])
            .output.split()
        )
        on_disk = (tmp_path / "pki/ca.crt").read_bytes()
        headers = {"Content-Type": "text/xml; charset=utf-8", "Connection": "close"}  # each call may meet either worker
        for _ in range(30):
            assert httpx.get(f"{base_url}/pki/ca.crt", headers={"Connection": "close"}).content == on_disk
            answer = httpx.post(
                f"{base_url}/bip-sync/", content=send_message(inline_data(gbdfl_request(iin))), headers=headers
            )
            assert answer.status_code == 200, answer.text
            assert response_payload(answer.content).findtext("persons/person/iin") == iin


def test_population_sample_prints_existing_citizens_with_the_feature(served: tuple[str, Path]) -> None:
    _, data_dir = served
    result = CliRunner().invoke(
        main, ["population", "sample", "--count", "5", "--where", "child", "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 0, result.output
    iins = result.output.split()
    assert len(iins) == 5
    today = kz_today()
    for iin in iins:
        assert is_valid_iin(iin)
        born = iin_birth_date(iin)
        assert born is not None and (today - born).days < 18 * 366


def test_population_sample_shows_who_they_are_as_a_table(served: tuple[str, Path]) -> None:
    _, data_dir = served
    runner = CliRunner()
    plain = runner.invoke(
        main, ["population", "sample", "--count", "3", "--where", "deceased", "--data-dir", str(data_dir)]
    )
    shown = runner.invoke(
        main, ["population", "sample", "--count", "3", "--where", "deceased", "--table", "--data-dir", str(data_dir)]
    )
    assert shown.exit_code == 0, shown.output
    header, *rows = shown.output.splitlines()
    assert header.split() == ["iin", "born", "sex", "name"]
    assert [row.split()[0] for row in rows] == plain.output.split(), "the same citizens, in the same order"
    for row in rows:
        iin, born, dagger, died, sex, *name = row.split()
        assert born == str(iin_birth_date(iin)) and dagger == "†" and died > born
        assert sex in {"M", "F"} and len(name) >= 2
    assert row.index(sex) == header.index("sex"), "the columns line up with the header"


def test_an_unknown_feature_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["population", "sample", "--where", "unicorn", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "unicorn" in result.output


def test_sample_without_a_population_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["population", "sample", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "qaqpa up" in result.output


def test_population_features_lists_each_feature_in_a_table() -> None:
    result = CliRunner().invoke(main, ["population", "features"])
    assert result.exit_code == 0
    header, *rows = result.output.splitlines()
    assert header.split() == ["feature", "description"]
    described = {row.split()[0]: row for row in rows}
    assert set(described) == set(FEATURES)
    assert "citizens with a death date" in described["deceased"]
    starts = {len(row) - len(row.removeprefix(row.split()[0]).lstrip()) for row in rows}
    assert starts == {header.index("description")}, "the descriptions line up under their header"


def test_production_mode_refuses_the_default_admin_token(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["up", "--mode", "production", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "admin token" in result.output


def test_population_generate_replaces_the_population(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["population", "generate", "--size", "50", "--seed", "1", "--data-dir", str(tmp_path)])
    assert first.exit_code == 0, first.output
    assert first.stdout == f"50 citizens (seed 1) in sqlite:///{tmp_path / 'qaqpa.db'}\n", "progress stays off stdout"
    assert first.stderr.splitlines()[-1] == "Generating the population: 50/50 (100%)"
    before = runner.invoke(main, ["population", "sample", "--count", "50", "--data-dir", str(tmp_path)]).output.split()
    runner.invoke(main, ["population", "generate", "--size", "50", "--seed", "2", "--data-dir", str(tmp_path)])
    after = runner.invoke(main, ["population", "sample", "--count", "50", "--data-dir", str(tmp_path)]).output.split()
    assert len(before) == len(after) == 50
    assert before != after


def test_qaqpa_mock_serves_one_system_alone_on_the_same_data(served: tuple[str, Path]) -> None:
    base_url, data_dir = served
    [iin] = (
        CliRunner()
        .invoke(
            main,
            ["population", "sample", "--count", "1", "--where", "electronic-birth-record", "--data-dir", str(data_dir)],
        )
        .output.split()
    )
    request = send_message(simulated_data("zags", iin), service_id="ZAGS_BirthActs")
    headers = {"Content-Type": "text/xml; charset=utf-8"}
    with running(["mock", "zags"], data_dir, free_port()) as alone:
        answer = httpx.post(f"{alone}/", content=request, headers=headers)
        assert answer.status_code == 200, answer.text
        data = response_wrapper(answer.content).find("response/responseData/data")
        assert data is not None and data.findtext("sender/code") == "ZAGS"
        # Signed by the very certificate the system signs with inside `qaqpa up`.
        certificate = data.findtext(f".//{{{ns.DS}}}X509Certificate")
        assert certificate and certificate.replace("\n", "") in (data_dir / "pki/systems/zags.crt").read_text().replace(
            "\n", ""
        )
        # Same population: the act `qaqpa up` answers through the gateway.
        through_gateway = httpx.post(f"{base_url}/bip-sync/", content=request, headers=headers)
        assert response_payload(through_gateway.content).findtext("acts/act/number") == data.findtext("acts/act/number")
        # Same fault rules and journal: a rule set on the mock alone breaks the one inside `qaqpa up`.
        rule = {"fault": {"kind": "soap-fault", "code": "ZAGS.Down"}, "times": 1}
        assert httpx.post(f"{alone}/api/v1/mocks/zags/faults", json=rule).status_code == 201
        faulted = httpx.post(f"{base_url}/bip-sync/", content=request, headers=headers)
        assert read_fault(faulted.content).sub_code == "ZAGS.Down"
        count = httpx.get(f"{alone}/api/v1/mocks/zags/journal/count", params={"iin": iin}).json()["count"]
        assert count == 3
        assert httpx.get(f"{alone}/api/v1/mocks/cbdi/faults").json()["code"] == "Client.NotFound"
        assert httpx.get(f"{alone}/?wsdl").text.count("<wsdl:definitions") == 1


def test_qaqpa_mock_names_the_systems_when_the_name_is_unknown(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["mock", "atlantis", "--port", "1", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown system 'atlantis'; the systems:" in result.output
    lines = result.output.splitlines()
    header = lines.index(next(line for line in lines if line.split() == ["name", "code", "title", "serviceIds"]))
    zags = lines.index(next(line for line in lines if line.startswith("zags ")))
    assert "ZAGS_BirthActs" in lines[zags] and lines[zags + 1].strip() == "ZAGS_MarriageActs"
    assert lines[zags + 1].index("ZAGS_") == lines[header].index("serviceIds"), "one serviceId a line, in its column"
    assert any(line.startswith("gbdfl ") and "GBDFL_UniversalServiceSync" in line for line in lines)


def test_qaqpa_clock_moves_a_running_instance(served: tuple[str, Path]) -> None:
    base_url, data_dir = served
    runner = CliRunner()
    moved = runner.invoke(main, ["clock", "advance", "31m", "--data-dir", str(data_dir)])
    assert moved.exit_code == 0, moved.output
    assert "+1,860 s from the system clock" in moved.output
    try:
        # Another process made the change: the instance picks it up within its refresh period (0.25 s).
        deadline = time.monotonic() + 10
        while httpx.get(f"{base_url}/api/v1/clock").json()["offsetSeconds"] < 1800:
            assert time.monotonic() < deadline, "the running instance never saw the clock move"
            time.sleep(0.05)
    finally:
        assert runner.invoke(main, ["clock", "reset", "--data-dir", str(data_dir)]).exit_code == 0
    assert runner.invoke(main, ["clock", "advance", "soon", "--data-dir", str(data_dir)]).exit_code == 2
    too_far = runner.invoke(main, ["clock", "set", "1960-01-01T00:00:00+05:00", "--data-dir", str(data_dir)])
    assert too_far.exit_code == 2 and "from 2000-01-01 up to 2100-01-01" in too_far.output, too_far.output


def test_qaqpa_clock_moves_one_test_run_s_clock_alone(served: tuple[str, Path]) -> None:
    base_url, data_dir = served
    runner = CliRunner()
    moved = runner.invoke(main, ["clock", "advance", "2h", "--run", "cli-job", "--data-dir", str(data_dir)])
    assert moved.exit_code == 0, moved.output
    assert moved.output.startswith("run cli-job: ") and "+7,200 s" in moved.output
    in_run = {"X-Qaqpa-Run": "cli-job"}
    try:
        deadline = time.monotonic() + 10
        while httpx.get(f"{base_url}/api/v1/clock", headers=in_run).json()["offsetSeconds"] < 7000:
            assert time.monotonic() < deadline, "the running instance never saw the run's clock move"
            time.sleep(0.05)
        assert httpx.get(f"{base_url}/api/v1/clock").json()["offsetSeconds"] == 0, "the instance's clock stayed"
    finally:
        httpx.delete(f"{base_url}/api/v1/runs/cli-job").raise_for_status()
    bad = runner.invoke(main, ["clock", "show", "--run", "no good", "--data-dir", str(data_dir)])
    assert bad.exit_code == 2 and "--run" in bad.output


def _clock(data_dir: Path, *arguments: str) -> str:
    result = CliRunner().invoke(main, ["clock", *arguments, "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    return result.output


def _shown(data_dir: Path, *arguments: str) -> dict[str, tuple[str, str, str]]:
    """``qaqpa clock show``'s table: each clock's time, offset (seconds) and state."""
    header, *rows = _clock(data_dir, "show", *arguments).splitlines()
    assert header.split() == ["clock", "now", "offset", "state"]
    shown = {}
    for row in rows:
        *name, now, offset, unit, state = row.split()
        assert unit == "s" and row.index(now) == header.index("now")
        shown[" ".join(name)] = (now, offset, state)
    return shown


def test_qaqpa_clock_show_lists_the_instance_s_clock_and_each_run_s(tmp_path: Path) -> None:
    assert _shown(tmp_path).keys() == {"instance"}
    _clock(tmp_path, "advance", "1h", "--run", "job-a")
    _clock(tmp_path, "freeze", "2026-12-01T09:00:00+05:00", "--run", "job-b")
    clocks = _shown(tmp_path)
    assert list(clocks) == ["instance", "run job-a", "run job-b"]
    assert clocks["instance"][1:] == ("+0", "running")
    _, offset, state = clocks["run job-a"]
    assert state == "running" and offset.startswith("+3,")
    assert clocks["run job-b"][0] == "2026-12-01T09:00:00+05:00" and clocks["run job-b"][2] == "frozen"
    assert list(_shown(tmp_path, "--run", "job-b")) == ["run job-b"]


def test_qaqpa_clock_set_freeze_and_resume(tmp_path: Path) -> None:
    moved = _clock(tmp_path, "set", "2030-01-15T12:00:00+05:00")
    assert moved.startswith("2030-01-15T12:00:0") and "(+" in moved
    frozen = _clock(tmp_path, "freeze", "2030-01-15T18:00:00+05:00")
    assert frozen.startswith("2030-01-15T18:00:00+05:00  (frozen, ")
    time.sleep(1.1)
    assert _shown(tmp_path)["instance"][0] == "2030-01-15T18:00:00+05:00", "a frozen clock stands still"
    assert _clock(tmp_path, "advance", "30m").startswith("2030-01-15T18:30:00+05:00  (frozen, ")
    resumed = _clock(tmp_path, "resume")
    assert resumed.startswith("2030-01-15T18:30:0") and "frozen" not in resumed
    assert _shown(tmp_path)["instance"][2] == "running"
    assert _clock(tmp_path, "reset").endswith("(the system's time)\n")
    wrong = CliRunner().invoke(main, ["clock", "set", "2030-01-15T12:00:00", "--data-dir", str(tmp_path)])
    assert wrong.exit_code == 2 and "no time zone" in wrong.output


def test_production_mode_has_no_virtual_clock(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["clock", "advance", "1m", "--mode", "production", "--data-dir", str(tmp_path)],
        env={"QAQPA_ADMIN_TOKEN": "not-the-default"},
    )
    assert result.exit_code == 2
    assert "system clock" in result.output
