"""What every benchmark shares: percentiles, the machine's description, and saving the table."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def percentile(sorted_samples: Sequence[float], share: float) -> float:
    """The ``share`` (0-1) percentile of already sorted samples, nearest rank."""
    rank = max(1, min(len(sorted_samples), round(share * len(sorted_samples))))
    return sorted_samples[rank - 1]


def machine(*extra: str) -> str:
    parts = [
        platform.processor() or platform.machine(),
        f"{os.cpu_count()} cores",
        f"Python {platform.python_version()}",
    ]
    return ", ".join([*parts, *extra])


def publish(name: str, title: str, details: str, table: str) -> None:
    """Print the report and keep it in bench/results/<name>-<date>.md."""
    now = datetime.now(UTC)
    report = f"# {title} — {now:%Y-%m-%d %H:%M} UTC\n\n{details}\n\n{table}\n"
    print(report)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}-{now:%Y%m%d-%H%M}.md"
    if path.exists():  # two runs within a minute: keep both
        path = RESULTS / f"{name}-{now:%Y%m%d-%H%M%S}.md"
    path.write_text(report)
