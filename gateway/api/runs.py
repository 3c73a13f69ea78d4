"""Test runs over REST (docs/runs.md): what a run holds, and forgetting it when a CI job is done.

A run needs no creating: the first request that names it in ``X-Qaqpa-Run`` starts it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from gateway.api.deps import AdminDep, RuntimeDep
from gateway.errors import SchemaViolation
from mocks.runs import InvalidRun, parse_run

router = APIRouter(prefix="/api/v1/runs", tags=["runs"])


def _run(run: str) -> str:
    try:
        parsed = parse_run(run)
    except InvalidRun as error:
        raise SchemaViolation(str(error)) from None
    if parsed is None:
        raise SchemaViolation("name the run to forget")
    return parsed


@router.delete("/{run}", summary="Forget a test run: its fault rules, journal entries, clock and cases")
async def forget_run(run: str, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    run = _run(run)
    shared = runtime.shared_clock
    had_clock = shared is not None and await runtime.database.write(lambda connection: shared.forget(connection, run))
    return {
        "run": run,
        "faults": await runtime.faults.forget_run(run),
        "journal": await runtime.journal.forget_run(run),
        "clock": had_clock,
        "cases": await runtime.cases.store.forget_run(run) if runtime.cases is not None else 0,
    }
