"""What some tests need from outside the repository: Debian's ``xmlsec1`` and ``wrk``, a JDK, Node.js, and the
orders' text in ``../shared/seeds/``. Where one is missing the test is skipped, saying which and how to get it;
in CI (``CI`` or ``QAQPA_REQUIRE_TOOLS`` set), where .ci/run installs the programs and ../shared is beside the
clone, a missing one is a failure."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

INSTALL = {
    "xmlsec1": "apt-get install xmlsec1",
    "java": "apt-get install openjdk-17-jdk-headless",
    "node": "apt-get install nodejs npm",
    "npm": "apt-get install nodejs npm",
    "chromium": "apt-get install chromium, or make tools",
    "wrk": "apt-get install wrk, or make tools",
}


SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def require(program: str) -> str:
    path = shutil.which(program)
    if path:
        return path
    _missing(f"{program} is not installed ({INSTALL.get(program, 'install it')})")


def require_seeds() -> Path:
    """The orders' text (``../shared/seeds/`` beside the repository), which the catalogue cites."""
    if SEEDS.is_dir():
        return SEEDS
    _missing(f"the orders' text is not at {SEEDS} (the shared/ folder beside the repository)")


def _missing(reason: str) -> NoReturn:
    if os.environ.get("CI") or os.environ.get("QAQPA_REQUIRE_TOOLS"):
        pytest.fail(f"{reason}; it is required here: CI or QAQPA_REQUIRE_TOOLS is set")
    pytest.skip(reason)
