"""docker-compose.yml: valid by the Compose Specification's schema, every mock a service of its own, and each
service's command started here without Docker, in the file's order, with the file's environment."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from ruamel.yaml import YAML

from mocks.catalogue import SYSTEMS
from tests.support.databases import postgres_database
from tests.support.processes import QaqpaProcess
from tests.support.servers import free_port
from tests.support.shep import read_fault, response_wrapper, send_message, simulated_data

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"
CHECK_JSONSCHEMA = str(Path(sys.executable).with_name("check-jsonschema"))
_DEFAULTED = re.compile(r"\$\{(?P<name>[A-Z_]+):-(?P<default>[^}]*)\}")


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    command = [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.compose-spec", str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def _services() -> dict[str, dict[str, Any]]:
    services: dict[str, dict[str, Any]] = YAML(typ="safe").load(COMPOSE.read_text())["services"]
    return services


def test_the_compose_file_is_valid_by_the_compose_specification() -> None:
    result = _validate(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE.read_text().replace("condition: service_healthy", "condition: when-ready", 1))
    assert _validate(broken).returncode != 0


def test_every_mock_is_its_own_service_with_a_healthcheck_after_the_gateway() -> None:
    services = _services()
    assert set(services) == {"postgres", "gateway", *(system.name for system in SYSTEMS)}
    mock_urls = json.loads(services["gateway"]["environment"]["QAQPA_MOCK_URLS"])
    assert mock_urls == {system.name: f"http://{system.name}:8080/" for system in SYSTEMS}
    assert services["gateway"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for system in SYSTEMS:
        service = services[system.name]
        assert service["command"] == ["qaqpa", "mock", system.name]
        assert service["depends_on"] == {"gateway": {"condition": "service_healthy"}}
        assert service["image"] == services["gateway"]["image"], "one image for all"
        assert "healthcheck" in service


def _environment(service: dict[str, Any], replacements: dict[str, str]) -> dict[str, str]:
    """The service's environment as compose would give it (unset ${VAR:-default}s at their defaults), with
    this machine's addresses in place of the containers'."""
    given = {
        name: _DEFAULTED.sub(lambda m: m.group("default"), str(value)) for name, value in service["environment"].items()
    }
    return {name: value for name, value in {**given, **replacements}.items() if value != ""}


def _command(service: dict[str, Any]) -> list[str]:
    command: list[str] = service["command"]
    assert command[0] == "qaqpa"
    return command[1:]


@pytest.fixture
def started_without_docker(tmp_path: Path) -> Iterator[dict[str, QaqpaProcess]]:
    services = _services()
    ports = {name: free_port() for name in services if name != "postgres"}
    local = {name: f"http://127.0.0.1:{port}/" for name, port in ports.items() if name != "gateway"}
    with postgres_database() as database_url, ExitStack() as stack:
        common = {
            "QAQPA_DATA_DIR": str(tmp_path / "data"),
            "QAQPA_HOST": "127.0.0.1",
            "QAQPA_DATABASE_URL": database_url,
        }
        common["QAQPA_POPULATION_SIZE"] = "300"
        started: dict[str, QaqpaProcess] = {}
        for name in ["gateway", *(system.name for system in SYSTEMS)]:  # the depends_on order
            replacements = {**common, "QAQPA_PORT": str(ports[name])}
            if name == "gateway":
                replacements |= {
                    "QAQPA_MOCK_URLS": json.dumps(local),
                    "QAQPA_PUBLIC_URL": f"http://127.0.0.1:{ports[name]}",
                }
            process = QaqpaProcess(
                _command(services[name]), tmp_path, ports[name], _environment(services[name], replacements)
            )
            started[name] = process
            stack.callback(process.stop)
        started["gateway"].start(with_options=False)
        for system in SYSTEMS:
            started[system.name].start(with_options=False)
        yield started


def test_each_service_s_command_starts_here_and_the_gateway_calls_the_mocks_at_their_own_addresses(
    started_without_docker: dict[str, QaqpaProcess], tmp_path: Path
) -> None:
    gateway = started_without_docker["gateway"]
    healthcheck = _services()["gateway"]["healthcheck"]["test"]
    assert healthcheck[:2] == ["CMD", "python"]
    probe = [sys.executable, *healthcheck[2:-1], healthcheck[-1].replace(":8080", f":{gateway.port}")]
    assert subprocess.run(probe, timeout=30).returncode == 0, "the compose healthcheck passes"
    iin = httpx.get(f"{gateway.base_url}/api/v1/population/sample", params={"count": 1}).json()["iins"][0]
    lookup = send_message(simulated_data("zags", iin), service_id="ZAGS_BirthActs")
    answered = httpx.post(f"{gateway.base_url}/bip-sync/", content=lookup, headers={"Content-Type": "text/xml"})
    assert response_wrapper(answered.content).findtext("response/responseInfo/status/code") == "SCSS001"
    started_without_docker["zags"].stop()
    refused = httpx.post(f"{gateway.base_url}/bip-sync/", content=lookup, headers={"Content-Type": "text/xml"})
    fault = read_fault(refused.content)
    assert fault.code == "Provider.Unreachable", "the gateway called the zags service, not a mock inside itself"
