"""The ShEP channels the gateway offers: the SyncChannel and the AsyncChannel."""

from __future__ import annotations

from gateway.shep.async_channel import AsyncChannel
from gateway.shep.inbound import IncomingMessage, OutgoingMessage
from gateway.shep.sync_channel import SyncChannel

__all__ = ["AsyncChannel", "IncomingMessage", "OutgoingMessage", "SyncChannel"]
