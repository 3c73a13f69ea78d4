"""The mocks' operating state, beside the population: the faults they are told to commit and the journal of
the requests they received. Both live in the database so that every process of an instance shares them."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, Index, Integer, LargeBinary, String, Table, Text

from mocks.population.tables import metadata

mock_faults = Table(
    "mock_faults",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("system", String(20), nullable=False),
    Column("run_id", String(64), nullable=True),  # the test run whose calls it breaks; NULL: the default namespace
    Column("service_id", String(100), nullable=True),  # NULL: every serviceId of the system
    Column("spec", Text, nullable=False),  # the FaultSpec as JSON
    Column("remaining", Integer, nullable=True),  # NULL: no limit; 0: used up (the system has recovered)
    Column("active_until", DateTime(timezone=True), nullable=True),  # NULL: until deleted
    Column("probability", Float, nullable=False),
    Column("hits", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index(None, "system"),
)

mock_journal = Table(
    "mock_journal",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("system", String(20), nullable=False),
    Column("run_id", String(64), nullable=True),  # the test run that sent it (mocks/runs.py)
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("service_id", String(100), nullable=True),
    Column("message_id", String(100), nullable=True),
    Column("session_id", String(40), nullable=True),  # the gateway's sessionId: the message log's key
    Column("sender_id", String(100), nullable=True),
    Column("subject_iin", String(12), nullable=True),
    Column("outcome", String(20), nullable=False),  # answered, refused, faulted
    Column("result_code", String(40), nullable=True),  # messageResult/code, or the mock's fault code
    Column("fault", String(40), nullable=True),  # the injected fault's kind
    Column("duration_ms", Float, nullable=False),
    Column("request_body", LargeBinary, nullable=False),
    Column("response_body", LargeBinary, nullable=True),
    Index(None, "system", "run_id", "id"),
    Index(None, "session_id"),
)
