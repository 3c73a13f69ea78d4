"""The orchestrator's own sender: SOCPROT, with the right to exactly the serviceIds the regulations query.

Its password is derived from the instance's admin token, so that every process of one instance knows it
without storing it, and production mode (which refuses the default token) never runs with a guessable one.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from argon2 import PasswordHasher
from sqlalchemy import Connection, delete, insert, select, update

from gateway.cases.services import SENDER_ID
from gateway.settings import Settings
from gateway.storage.tables import access_rights, senders, services

QUERIED = (
    "GBDFL_UniversalServiceSync",
    "ZAGS_BirthActs",
    "ZAGS_MarriageActs",
    "ZAGS_DeathActs",
    "EOPEKA_GuardianshipByIin",
    "EUOSH_GuardianshipByIin",
    "CBDI_DisabilityByIin",
    "SUD_CourtDecisionsByIin",
    "ISNA_EntrepreneurStatus",
    "ENBEK_UnemployedStatus",
    "ENPF_PensionContributions",
    "GFSS_SocialContributions",
    "EMAKET_AssignedBenefits",
    "EPAY_BankAccountCheck",
    "SMS_Send",
)


def orchestrator_password(settings: Settings) -> str:
    secret = settings.admin_token.get_secret_value().encode()
    return hmac.new(secret, b"qaqpa:orchestrator:" + SENDER_ID.encode(), hashlib.sha256).hexdigest()


def seed_orchestrator(connection: Connection, settings: Settings, now: datetime) -> None:
    password_hash = PasswordHasher().hash(orchestrator_password(settings))
    values = {
        "password_hash": password_hash,
        "description": "Qaqpa's orchestrator of the regulations (Orders 407, 225)",
        "signature_policy": "optional",
        "demo": False,
    }
    if connection.execute(select(senders.c.sender_id).where(senders.c.sender_id == SENDER_ID)).first() is None:
        connection.execute(insert(senders).values(sender_id=SENDER_ID, created_at=now, **values))
    else:
        connection.execute(update(senders).where(senders.c.sender_id == SENDER_ID).values(**values))
    # SOCPROT answers after its own data queries: its hop waits for theirs (unless an operator set a timeout).
    connection.execute(
        update(services)
        .where(services.c.system == SENDER_ID, services.c.timeout_seconds.is_(None))
        .values(timeout_seconds=settings.provider_timeout_seconds * 2 + 5)
    )
    # SOCPROT posts the UPDATEs of its async chains (gateway/cases/updates.py) as their provider.
    connection.execute(update(services).where(services.c.system == SENDER_ID).values(provider_sender=SENDER_ID))
    connection.execute(delete(access_rights).where(access_rights.c.sender_id == SENDER_ID))
    connection.execute(insert(access_rights), [{"sender_id": SENDER_ID, "service_id": s} for s in QUERIED])
