"""Senders: who may talk to the gateway, with which password, to which serviceIds, under which signature policy.

ShEP authenticates a sender in-band by ``senderId`` and ``password`` (shared/notes/protocols-shep-xroad.md
§1.8). Passwords are stored as argon2 hashes. Verifying one costs tens of milliseconds by design (~170 ms on the
2-core benchmark machine), so a successful verification is remembered for a minute, keyed by a keyed hash of
the password that lives only in this process's memory; and concurrent requests with the same credentials
share one verification instead of each running its own (under load, every cache miss was a stampede of
argon2 runs that stalled the process for seconds: bench/README.md). Repeated failures from one address
lock that sender out there for a while (gateway/throttle.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

import anyio.to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, insert, select

from gateway.errors import AuthenticationFailed
from gateway.storage.tables import access_rights, senders
from gateway.throttle import FailedSignIns, client_address
from mocks.storage import Storage

SignaturePolicy = Literal["none", "optional", "required"]

DEMO_PASSWORD = "demo"  # the documented dev-mode password (shared/DESIGN.md); production mode refuses it


@dataclass(frozen=True, slots=True)
class DemoSender:
    sender_id: str
    description: str
    signature_policy: SignaturePolicy


DEMO_SENDERS = (
    DemoSender("DEMO_PORTAL", "Demo portal: every service, signatures optional (verified when present)", "optional"),
    DemoSender("DEMO_PORTAL_STRICT", "Demo portal: every service, WS-Security signature required", "required"),
)

_CACHE_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Sender:
    sender_id: str
    signature_policy: SignaturePolicy
    demo: bool
    rights: frozenset[str]
    bin: str | None = None

    def may_call(self, service_id: str) -> bool:
        return "*" in self.rights or service_id in self.rights


class SenderDirectory:
    def __init__(self, storage: Storage, *, allow_demo: bool, sign_ins: FailedSignIns | None = None) -> None:
        """``sign_ins`` throttles repeated failures; without it nobody is refused for them."""
        self._storage = storage
        self._allow_demo = allow_demo
        self._sign_ins = sign_ins or FailedSignIns(lambda: datetime.now(UTC), limit=None, window=timedelta(0))
        self._hasher = PasswordHasher()
        self._cache_key = secrets.token_bytes(32)
        self._verified: dict[tuple[str, bytes], tuple[float, Sender]] = {}
        self._pending: dict[tuple[str, bytes], asyncio.Future[Sender | None]] = {}

    async def authenticate(self, sender_id: str, password: str | None) -> Sender:
        refusal = AuthenticationFailed(
            f"sender {sender_id!r} is unknown or its password is wrong",
            detail="check requestInfo/sender/senderId and password",
        )
        if not sender_id or password is None:
            raise refusal
        throttled = ("sender", sender_id, client_address.get())
        self._sign_ins.check(f"sender {sender_id!r}", throttled)
        fingerprint = hashlib.blake2b(password.encode(), key=self._cache_key).digest()
        key = (sender_id, fingerprint)
        cached = self._verified.get(key)
        if cached is not None and cached[0] > time.monotonic():
            sender: Sender | None = cached[1]
        else:
            pending = self._pending.get(key)
            if pending is None:
                pending = asyncio.ensure_future(self._check(key, password))
                self._pending[key] = pending
                pending.add_done_callback(lambda _: self._pending.pop(key, None))
            sender = await asyncio.shield(pending)  # one waiter cancelled does not cancel the others' check
        self._sign_ins.record(throttled, signed_in=sender is not None)
        if sender is None:
            raise refusal
        if sender.demo and not self._allow_demo:
            raise AuthenticationFailed(
                f"sender {sender_id!r} is a demo sender; production mode does not accept demo credentials"
            )
        return sender

    async def _check(self, key: tuple[str, bytes], password: str) -> Sender | None:
        """The sender, if it exists and ``password`` is its password; remembered for a minute when it is."""
        stored = await self._load(key[0])
        if stored is None:
            return None
        password_hash, sender = stored
        if not await anyio.to_thread.run_sync(self._verify, password_hash, password):
            return None
        self._verified[key] = (time.monotonic() + _CACHE_SECONDS, sender)
        return sender

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    async def _load(self, sender_id: str) -> tuple[str, Sender] | None:
        """The stored password hash and the sender, or None if there is no such sender."""
        return await self._storage.read(lambda connection: _stored_sender(connection, sender_id))


def _stored_sender(connection: Connection, sender_id: str) -> tuple[str, Sender] | None:
    row = connection.execute(
        select(senders.c.password_hash, senders.c.signature_policy, senders.c.demo, senders.c.bin).where(
            senders.c.sender_id == sender_id
        )
    ).first()
    if row is None:
        return None
    rights = connection.execute(select(access_rights.c.service_id).where(access_rights.c.sender_id == sender_id))
    password_hash, policy, demo, bin_ = row
    return str(password_hash), Sender(sender_id, policy, bool(demo), frozenset(rights.scalars()), bin_)


def seed_demo_senders(connection: Connection, now: datetime) -> None:
    """Create the demo senders of shared/DESIGN.md if missing (dev mode only)."""
    existing = set(connection.execute(select(senders.c.sender_id)).scalars())
    hasher = PasswordHasher()
    for demo in DEMO_SENDERS:
        if demo.sender_id in existing:
            continue
        connection.execute(
            insert(senders).values(
                sender_id=demo.sender_id,
                password_hash=hasher.hash(DEMO_PASSWORD),
                description=demo.description,
                signature_policy=demo.signature_policy,
                demo=True,
                created_at=now,
            )
        )
        connection.execute(insert(access_rights).values(sender_id=demo.sender_id, service_id="*"))
