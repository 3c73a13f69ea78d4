"""External programs some tests need (Debian's ``xmlsec1``, a JDK). Where one is missing the test is skipped,
saying which and how to install it; in CI (``CI`` or ``QAQPA_REQUIRE_TOOLS`` set), where .ci/run installs them,
a missing one is a failure."""

from __future__ import annotations

import os
import shutil

import pytest

INSTALL = {"xmlsec1": "apt-get install xmlsec1", "java": "apt-get install openjdk-17-jdk-headless"}


def require(program: str) -> str:
    path = shutil.which(program)
    if path:
        return path
    reason = f"{program} is not installed ({INSTALL.get(program, 'install it')})"
    if os.environ.get("CI") or os.environ.get("QAQPA_REQUIRE_TOOLS"):
        pytest.fail(f"{reason}; it is required here: CI or QAQPA_REQUIRE_TOOLS is set")
    pytest.skip(reason)
