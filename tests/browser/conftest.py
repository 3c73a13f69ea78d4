"""Headless Chromium, driven by Playwright for Python, for the console's browser tests.

The browser is Debian's ``chromium`` (``apt-get install chromium``; ``make tools`` and .ci/run install it):
Playwright drives it as its executable, so no browser is downloaded. Without it these tests skip, saying so,
except in CI, where they fail. ``QAQPA_TEST_SCREENSHOTS=<folder>`` keeps a screenshot of each page they check
(docs/images/ holds the ones docs/console.md shows).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.gateway import LiveGateway
from tests.support.tools import require


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Module scope, not session: Playwright's sync API keeps an event loop running on this thread while it
    # is open, and later tests on the same worker that call asyncio.run() would fail.
    chromium = require("chromium")
    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's own sandbox cannot start.
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass(frozen=True)
class Console:
    page: Page
    run: str
    base_url: str

    def open(self, path: str) -> Page:
        self.page.goto(f"{self.base_url}{path}")
        return self.page

    def screenshot(self, name: str) -> None:
        folder = os.environ.get("QAQPA_TEST_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(folder) / f"{name}.png"))


@pytest.fixture
def console(browser: Browser, gateway: LiveGateway) -> Iterator[Console]:
    """A browser tab on the console, which will work in a test run of its own (forgotten afterwards)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    run = f"browser-{uuid.uuid4().hex[:12]}"
    yield Console(context.new_page(), run, gateway.base_url)
    context.close()
    gateway.http.delete(f"/api/v1/runs/{run}")
