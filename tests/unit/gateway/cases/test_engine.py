"""The case engine's background work: a case deleted with its run while it was being moved on is no failure."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from gateway.cases.engine import CaseEngine
from gateway.clock import SystemClock


class _Store:
    """A store that no longer has the case: its run was forgotten (DELETE /api/v1/runs/…) a moment ago."""

    async def get(self, case_id: str) -> None:
        return None


class _BrokenStore:
    async def get(self, case_id: str) -> Any:
        raise RuntimeError("a bug in the store")


def _engine(store: object) -> CaseEngine:
    return CaseEngine(store, None, SystemClock(), lambda: None, answer_wait_seconds=1)  # type: ignore[arg-type, return-value]


def test_a_case_forgotten_with_its_run_is_said_plainly(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="gateway.cases.engine"):
        asyncio.run(_engine(_Store())._start("c-1"))
    [record] = caplog.records
    assert record.levelno == logging.INFO
    assert record.getMessage() == "case c-1 was forgotten with its run while it was being moved on"


def test_any_other_failure_is_logged_whole(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="gateway.cases.engine"):
        asyncio.run(_engine(_BrokenStore())._start("c-2"))
    [record] = caplog.records
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert record.getMessage() == "case c-2 could not be moved on"
