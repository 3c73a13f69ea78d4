"""Everything one gateway process builds once and shares across requests."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from contracts.loader import Contracts
from gateway.cases import CaseEngine
from gateway.clock import Clock
from gateway.clock_state import SharedClock
from gateway.mailbox import Courier, Mailbox
from gateway.message_log import MessageLog
from gateway.metrics import Metrics
from gateway.pki import Pki
from gateway.registry import ServiceRegistry
from gateway.senders import SenderDirectory
from gateway.settings import Settings
from gateway.shep import AsyncChannel, SyncChannel
from gateway.storage.database import Database
from gateway.throttle import FailedSignIns
from gateway.upstream import Upstream
from mocks.editing import PopulationEditor
from mocks.faults import FaultBook
from mocks.journal import Journal


@dataclass(slots=True)
class Runtime:
    settings: Settings
    clock: Clock
    database: Database
    contracts: Contracts
    metrics: Metrics
    message_log: MessageLog
    senders: SenderDirectory
    sign_ins: FailedSignIns
    """Failed sign-ins by sender and address, and of the admin token (the API's and the console's)."""
    upstream: Upstream
    sync_channel: SyncChannel
    async_channel: AsyncChannel
    mailbox: Mailbox
    registry: ServiceRegistry
    pki: Pki
    faults: FaultBook
    journal: Journal
    population: PopulationEditor
    mock_paths: dict[str, str]
    """The mock systems this process serves, and the path each answers at."""
    shared_clock: SharedClock | None
    """The virtual clock (dev mode) and its shared state; None when the clock is the system's."""
    courier: Courier | None
    """The async channel's background work; None in a process that serves one mock alone."""
    cases: CaseEngine | None = None
    """The orchestrator of the regulations; None in a process that serves one mock alone."""
    ready: bool = False
    maintenance: bool = False
    """This process's maintenance mode: /health answers 503 while it is on (it still serves requests)."""
    _catching_up: asyncio.Lock = field(default_factory=asyncio.Lock)
    """Held from reading the shared clock to having acted on it: a reader that finds the clock already moved
    by the background refresh waits until that refresh has acted, instead of reading the case before it."""

    async def act_on_time(self) -> None:
        """Do at once what the clock's new time makes due: a tester who moved the clock past a response window
        reads DELIVERY_STOPPED, or an expired case, in the very next request."""
        if self.courier is not None:
            await self.courier.expire()
            self.courier.wake()
        if self.cases is not None:
            await self.cases.move_on()

    async def catch_up_with_clock(self) -> None:
        """Show the clock another process moved (``qaqpa clock``, another gateway), and act on its time, now
        rather than at the next quarter-second refresh: a script that moves the clock then reads a case sees
        the case moved on."""
        if self.shared_clock is None:
            return
        async with self._catching_up:
            if await self.database.read(self.shared_clock.refresh):
                await self.act_on_time()
