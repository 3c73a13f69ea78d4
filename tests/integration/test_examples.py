"""examples/ run as their users run them: the portal's suite under Qaqpa's pytest plugin, in its own pytest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
