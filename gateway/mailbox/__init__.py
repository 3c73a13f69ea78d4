"""The async channel's store and its background work: messages accepted, delivered, answered or expired."""

from __future__ import annotations

from gateway.mailbox.courier import Courier
from gateway.mailbox.store import Accepted, Mailbox, NewMessage, StoredMessage

__all__ = ["Accepted", "Courier", "Mailbox", "NewMessage", "StoredMessage"]
