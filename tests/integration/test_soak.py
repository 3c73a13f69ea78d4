"""The bounded soak of issue #10 in every suite run: 60 s of the sync lookup at half its peak rate, with no
error, flat memory and no descriptor left open (bench/soak.py judges; the 10-minute run is `python -m bench.soak`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.tools import require

ROOT = Path(__file__).resolve().parents[2]


def test_a_minute_at_half_the_peak_rate_leaves_no_error_no_growth_and_no_open_descriptor() -> None:
    require("wrk")
    command = [sys.executable, "-m", "bench.soak", "--seconds", "60"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    assert "**passed**" in run.stdout and " 0 errors" in run.stdout, run.stdout[-3000:]
