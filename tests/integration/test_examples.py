"""examples/ run as their users run them: the portal's suite under Qaqpa's pytest plugin, in its own pytest,
and the Node.js portal client (the `soap` package from npm) against the gateway, unchanged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.gateway import LiveGateway
from tests.support.tools import require

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_portal_suite_passes_with_the_plugin_s_fixtures(tmp_path: Path) -> None:
    environment = {name: value for name, value in os.environ.items() if not name.startswith("QAQPA_")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "run")],
        cwd=EXAMPLES / "python",
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout, result.stdout


@pytest.fixture(scope="session")
def node_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of examples/node with its npm packages installed from its package-lock.json, as a user would
    (a copy per test process: two ``npm ci`` in one folder would trip over each other)."""
    require("node")
    folder = tmp_path_factory.mktemp("node-portal")
    for name in ("package.json", "package-lock.json", "portal.mjs"):
        shutil.copy(EXAMPLES / "node" / name, folder / name)
    npm = [require("npm"), "ci", "--no-audit", "--no-fund"]
    subprocess.run(npm, cwd=folder, check=True, capture_output=True, timeout=600)
    return folder


def _node_portal(folder: Path, gateway: LiveGateway, iin: str, key_dir: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QAQPA_URL": gateway.base_url, "IIN": iin}
    environment |= {"KEY": str(key_dir / "key.pem"), "CERT": str(key_dir / "cert.pem")}
    return subprocess.run(
        [require("node"), "portal.mjs"], cwd=folder, env=environment, capture_output=True, text=True, timeout=120
    )


def _write_key(gateway: LiveGateway, iin: str, directory: Path) -> Path:
    """The applicant's key and certificate from the instance's test CA, as `qaqpa pki issue --out` writes them."""
    issued = gateway.http.post("/api/v1/pki/certificates", json={"iin": iin})
    assert issued.status_code == 201, issued.text
    directory.mkdir()
    (directory / "key.pem").write_text(issued.json()["privateKeyPem"])
    (directory / "cert.pem").write_text(issued.json()["certificatePem"])
    return directory


def test_the_node_portal_asks_regulation_1_s_information_flow_with_the_applicant_s_signature(
    node_client: Path, gateway: LiveGateway, tmp_path: Path
) -> None:
    iin = gateway.sample("pensioner")[0]
    result = _node_portal(node_client, gateway, iin, _write_key(gateway, iin, tmp_path / "applicant"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["SCSS001", "decided", "answered"]


def test_the_node_portal_sees_the_gateway_refuse_a_signature_of_someone_else(
    node_client: Path, gateway: LiveGateway, tmp_path: Path
) -> None:
    iin, other = gateway.sample("pensioner", 2)
    result = _node_portal(node_client, gateway, iin, _write_key(gateway, other, tmp_path / "other"))
    assert result.returncode == 1
    assert result.stderr.strip() == "Client.Signature.IinMismatch"
