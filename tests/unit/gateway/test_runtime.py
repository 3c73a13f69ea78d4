from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable
from typing import Any, cast

from gateway.runtime import Runtime


class _StoredClockMovedOnce:
    """The shared clock's row, moved once by another process: the first refresh shows it, later ones find
    nothing new (as a reader does while the background refresh is still acting on the move)."""

    def __init__(self) -> None:
        self.shown = False

    def refresh(self, _connection: object) -> bool:
        changed, self.shown = not self.shown, True
        return changed


class _Database:
    async def read(self, work: Callable[[object], bool]) -> bool:
        await asyncio.sleep(0)
        return work(None)


class _SlowCases:
    def __init__(self) -> None:
        self.may_finish = asyncio.Event()
        self.started = asyncio.Event()
        self.moved_on = False

    async def move_on(self) -> None:
        self.started.set()
        await self.may_finish.wait()
        self.moved_on = True


def _runtime(**parts: object) -> Runtime:
    required = {
        f.name: None
        for f in dataclasses.fields(Runtime)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    return Runtime(**cast("dict[str, Any]", required | parts))


def test_a_reader_waits_for_the_background_refresh_to_act_on_the_clock_it_picked_up() -> None:
    async def scenario() -> None:
        cases = _SlowCases()
        runtime = _runtime(shared_clock=_StoredClockMovedOnce(), database=_Database(), cases=cases, courier=None)
        background: Awaitable[None] = asyncio.create_task(runtime.catch_up_with_clock())
        await cases.started.wait()
        reader = asyncio.create_task(runtime.catch_up_with_clock())
        for _ in range(20):  # turns of the event loop, enough for an unserialised reader to return
            await asyncio.sleep(0)
        assert not reader.done(), "the reader returned while the case was still moving on"
        cases.may_finish.set()
        await reader
        assert cases.moved_on
        await background

    asyncio.run(scenario())
