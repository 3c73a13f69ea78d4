"""Where the synthetic population lives: one table of citizens and one of their identity documents.

Places are stored as codes (KATO-style settlement and region codes, ISO country codes, ethnic-group
codes) and turned into names and dictionary values when a mock answers.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, MetaData, String, Table

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

population_info = Table(
    "population_info",
    metadata,
    Column("key", String(50), primary_key=True),
    Column("value", String(200), nullable=False),
)

persons = Table(
    "persons",
    metadata,
    Column("iin", String(12), primary_key=True),
    Column("surname", String(100), nullable=False),
    Column("name", String(100), nullable=False),
    Column("patronymic", String(100), nullable=True),
    Column("eng_surname", String(100), nullable=False),
    Column("eng_first_name", String(100), nullable=False),
    Column("birth_date", Date, nullable=False),
    Column("sex", String(1), nullable=False),
    Column("nationality", String(3), nullable=False),
    Column("citizenship", String(3), nullable=False),
    Column("birth_country", String(3), nullable=False),
    Column("birth_settlement", String(9), nullable=True),  # KATO-style code, births in Kazakhstan only
    Column("reg_settlement", String(9), nullable=True),
    Column("reg_street", String(200), nullable=True),
    Column("reg_building", String(10), nullable=True),
    Column("reg_flat", String(10), nullable=True),
    Column("reg_since", Date, nullable=True),
    Column("birth_certificate", String(30), nullable=True),
    Column("death_date", Date, nullable=True),
    Column("death_certificate", String(30), nullable=True),
    Index(None, "surname", "name"),
    Index(None, "birth_date"),
)

identity_documents = Table(
    "identity_documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("iin", String(12), ForeignKey("persons.iin", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),  # ID_CARD, PASSPORT or BIRTH_CERTIFICATE
    Column("number", String(20), nullable=False),
    Column("begin_date", Date, nullable=False),
    Column("end_date", Date, nullable=True),
    Column("issuer", String(10), nullable=False),
    Index(None, "iin"),
    Index(None, "number"),
)
