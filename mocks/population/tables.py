"""Where the synthetic population lives: the citizens and what each state system knows about them.

One table per registry's kind of record (civil acts, guardianships, court decisions, disabilities, jobs,
unemployment, sole traders, bank accounts, assigned benefits), keyed by IIN. Places are stored as codes
(KATO-style settlement codes, ISO country codes, ethnic-group codes) and turned into names when a mock
answers; ``court:`` / ``akimat:`` / ``center:`` prefixes name the body of a settlement.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, MetaData, String, Table

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
    Column("phone", String(16), nullable=True),
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


def _iin(name: str = "iin", nullable: bool = False) -> Column[str]:
    return Column(name, String(12), nullable=nullable)


civil_acts = Table(
    "civil_acts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(10), nullable=False),  # BIRTH, MARRIAGE, DIVORCE, DEATH
    Column("number", String(20), nullable=False),
    Column("event_date", Date, nullable=False),
    Column("registered_on", Date, nullable=False),
    Column("office", String(9), nullable=False),  # the settlement of the registry office
    _iin("person_iin"),
    _iin("mother_iin", nullable=True),
    _iin("father_iin", nullable=True),
    _iin("spouse_iin", nullable=True),
    Index(None, "person_iin"),
    Index(None, "mother_iin"),
    Index(None, "father_iin"),
    Index(None, "spouse_iin"),
)

guardianships = Table(
    "guardianships",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),  # GUARDIANSHIP, CUSTODY, ADOPTION, FOSTER_FAMILY
    _iin("ward_iin"),
    _iin("guardian_iin"),
    Column("decision_number", String(30), nullable=False),
    Column("decision_date", Date, nullable=False),
    Column("authority", String(30), nullable=False),
    Column("ended_on", Date, nullable=True),
    Index(None, "ward_iin"),
    Index(None, "guardian_iin"),
)

court_decisions = Table(
    "court_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),  # ADOPTION, DECLARED_MISSING, DECLARED_DEAD
    _iin("person_iin"),
    _iin("applicant_iin", nullable=True),
    Column("case_number", String(40), nullable=False),
    Column("court", String(30), nullable=False),
    Column("decision_date", Date, nullable=False),
    Column("effective_date", Date, nullable=False),
    Index(None, "person_iin"),
    Index(None, "applicant_iin"),
)

disabilities = Table(
    "disabilities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _iin(),
    Column("group", String(5), nullable=False),  # I, II, III, CHILD
    Column("cause", String(30), nullable=False),
    Column("since_childhood", Boolean, nullable=False),
    Column("established_on", Date, nullable=False),
    Column("valid_until", Date, nullable=True),  # NULL: indefinitely
    Column("certificate_number", String(30), nullable=False),
    Column("working_capacity_loss", Integer, nullable=True),  # percent
    Index(None, "iin"),
)

employments = Table(
    "employments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _iin(),
    Column("employer_bin", String(12), nullable=False),
    Column("employer_name", String(100), nullable=False),
    Column("monthly_salary", Integer, nullable=False),
    Column("started_on", Date, nullable=False),
    Column("ended_on", Date, nullable=True),
    Index(None, "iin"),
)

unemployment = Table(
    "unemployment",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _iin(),
    Column("registered_on", Date, nullable=False),
    Column("deregistered_on", Date, nullable=True),
    Column("center", String(30), nullable=False),
    Index(None, "iin"),
)

entrepreneurs = Table(
    "entrepreneurs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _iin(),
    Column("registered_on", Date, nullable=False),
    Column("closed_on", Date, nullable=True),
    Column("trade_name", String(150), nullable=False),
    Column("tax_regime", String(30), nullable=False),
    Index(None, "iin"),
)

bank_accounts = Table(
    "bank_accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _iin(),
    Column("iban", String(20), nullable=False),
    Column("bank_code", String(3), nullable=False),
    Column("opened_on", Date, nullable=False),
    Column("closed_on", Date, nullable=True),
    Index(None, "iin"),
    Index(None, "iban"),
)

benefits = Table(
    "benefits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _iin(),
    Column("kind", String(60), nullable=False),  # the regulation's slug
    Column("assigned_on", Date, nullable=False),
    Column("ended_on", Date, nullable=True),
    Column("monthly_amount", Integer, nullable=False),
    Column("decision_number", String(30), nullable=False),
    Index(None, "iin"),
)

RECORD_TABLES = {
    "civil_acts": civil_acts,
    "guardianships": guardianships,
    "court_decisions": court_decisions,
    "disabilities": disabilities,
    "employments": employments,
    "unemployment": unemployment,
    "entrepreneurs": entrepreneurs,
    "bank_accounts": bank_accounts,
    "benefits": benefits,
}
"""Household attribute name → its table (mocks/population/records.py)."""
