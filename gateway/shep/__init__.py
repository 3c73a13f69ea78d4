"""The ShEP channels the gateway offers. The SyncChannel is here; the AsyncChannel arrives with issue #5."""

from __future__ import annotations

from gateway.shep.sync_channel import IncomingMessage, OutgoingMessage, SyncChannel

__all__ = ["IncomingMessage", "OutgoingMessage", "SyncChannel"]
