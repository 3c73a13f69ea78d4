"""The one settings object of a Qaqpa instance.

Values come, in rising priority, from the defaults below, environment variables prefixed ``QAQPA_``
(``QAQPA_PORT=9000``, ``QAQPA_DATABASE_URL=postgresql://…``) and the ``qaqpa`` command's flags.

Dev mode (the default of ``qaqpa up``) seeds the demo senders and accepts the built-in admin token;
production mode refuses both (it will not start with the default token, and demo senders cannot log in).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_ADMIN_TOKEN = "qaqpa-dev-admin"  # dev mode only: production mode refuses to start with it

Mode = Literal["dev", "production"]
MockTransport = Literal["http", "inprocess"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QAQPA_", extra="forbid", validate_default=True)

    mode: Mode = "dev"
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    data_dir: Path = Path(".qaqpa")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default: a SQLite file qaqpa.db in the data directory"
    )
    public_url: str | None = Field(
        default=None, description="Base URL clients use to reach this instance; default: the request's own"
    )
    admin_token: SecretStr = SecretStr(DEFAULT_ADMIN_TOKEN)

    population_size: int = Field(default=10_000, ge=1, le=50_000_000)
    population_seed: int = 407

    mock_transport: MockTransport = Field(
        default="http", description="How the gateway reaches the built-in mocks: real HTTP or in-process ASGI"
    )
    mock_urls: dict[str, str] = Field(
        default_factory=dict,
        description="Built-in mocks served as their own processes (qaqpa mock NAME): system name -> base URL, "
        'e.g. {"zags": "http://zags:8080/"}; the others answer inside this instance',
    )
    sign_in_attempts: int | None = Field(
        default=None,
        ge=1,
        description="Failed sign-ins (a sender's password, the admin token) from one address before it is "
        "refused for sign_in_lockout_minutes; default: 5 outside dev mode, no limit in dev mode (a portal's "
        "negative tests must not lock its other tests out)",
    )
    sign_in_lockout_minutes: float = Field(
        default=5.0, gt=0, description="The window failed sign-ins are counted in, and the lockout after"
    )
    tls_certificate: Path | None = Field(
        default=None, description="Serve HTTPS with this PEM certificate (its chain after it); needs tls_key"
    )
    tls_key: Path | None = Field(default=None, description="The PEM private key of tls_certificate")
    tls_client_ca: Path | None = Field(
        default=None,
        description="Mutual TLS: PEM CA certificates; every client must present a certificate one of them issued",
    )
    max_body_bytes: int = Field(default=2 * 1024 * 1024, ge=1024)
    max_xml_depth: int = Field(default=64, ge=8, le=250)
    provider_timeout_seconds: float = Field(default=10.0, gt=0)
    journal_capacity: int = Field(
        default=1000, ge=10, le=1_000_000, description="Requests each mock keeps in its journal (the newest)"
    )
    revocation_check: Literal["crl", "ocsp", "both", "none"] = Field(
        default="both", description="How signers' certificates are checked for revocation"
    )
    allow_sha1: bool = Field(default=False, description="Accept RSA-SHA1 / SHA-1 signatures (legacy peers)")
    sign_messages: bool = Field(default=True, description="Sign what the gateway sends (WS-Security)")
    schema_validation: bool | None = Field(
        default=None,
        description="Check every message the gateway sends against contracts/ (a service's registry entry may "
        "say otherwise); default: on in dev mode, off in production",
    )
    revocation_refresh_seconds: float = Field(default=1.0, gt=0)
    clock_refresh_seconds: float = Field(
        default=0.25, gt=0, description="How often a dev instance picks up clock changes made by other processes"
    )
    response_window_minutes: float = Field(
        default=30.0,
        gt=0,
        description="How long an async REQUEST waits for its RESPONSE, unless its service sets its own "
        "(Order 407, regulation 1, para 16: seeds/000_35060450d94081fb.txt:547-548)",
    )
    delivery_concurrency: int = Field(default=16, ge=1, le=512, description="Async pushes in flight per process")
    redelivery_seconds: float = Field(
        default=60.0, gt=0, description="When a message taken by getMessages and not acknowledged is offered again"
    )
    poll_amount: int = Field(default=10, ge=1, le=1000, description="getMessages' amount when the caller sets none")
    case_mode: Literal["auto", "officer"] = Field(
        default="auto",
        description="How a regulation case is decided when its request does not say (ShEP property caseMode): "
        "at once by the rules, or by a tester playing the officer (docs/cases.md)",
    )
    case_pace: Literal["instant", "deadlines"] = Field(
        default="instant",
        description="How a case walks its staff steps when its request does not say (ShEP property casePace): "
        "all at once, or each when the product's clock reaches its working-day deadline",
    )
    case_applicant_working_days: int = Field(
        default=25,
        ge=1,
        le=250,
        description="The applicant's working days to bring documents when the regulation names none (Order 225, "
        "regulation 14); 25 as regulation 1 gives (seeds/000_35060450d94081fb.txt:455-457)",
    )
    case_unanswered_system: Literal["scan-paper", "refuse"] = Field(
        default="scan-paper",
        description="What a case does when a queried system faults instead of answering: the paper document is "
        "scanned and the case goes on (regulation 1, seeds/000_35060450d94081fb.txt:410-412), or the intake "
        "refuses as data-not-confirmed",
    )
    case_proactive_window: Literal["each-sms", "from-offer"] = Field(
        default="each-sms",
        description="Order 225's 3 days without a reply: from each SMS that asks something, or once from the offer",
    )
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @model_validator(mode="after")
    def _refuse_demo_credentials_in_production(self) -> Settings:
        if self.mode == "production" and self.admin_token.get_secret_value() in (DEFAULT_ADMIN_TOKEN, ""):
            raise ValueError(
                "production mode refuses the built-in admin token (and an empty one): "
                "set QAQPA_ADMIN_TOKEN (or --admin-token)"
            )
        return self

    @model_validator(mode="after")
    def _tls_needs_a_certificate_and_its_key(self) -> Settings:
        if (self.tls_certificate is None) != (self.tls_key is None):
            raise ValueError("TLS needs both tls_certificate and tls_key (QAQPA_TLS_CERTIFICATE, QAQPA_TLS_KEY)")
        if self.tls_client_ca is not None and self.tls_certificate is None:
            raise ValueError("mutual TLS (tls_client_ca) needs TLS: set tls_certificate and tls_key too")
        return self

    @property
    def tls(self) -> bool:
        return self.tls_certificate is not None

    @property
    def mocks_in_process(self) -> bool:
        """Whether the gateway reaches its own mounted mocks in process: when asked, and when it serves TLS
        (its own HTTPS port may ask for a client certificate the gateway has none of)."""
        return self.mock_transport == "inprocess" or self.tls

    @property
    def dev(self) -> bool:
        return self.mode == "dev"

    @property
    def sign_in_limit(self) -> int | None:
        """Failed sign-ins an address may make within the lockout window; None: no limit."""
        if self.sign_in_attempts is not None:
            return self.sign_in_attempts
        return None if self.dev else 5

    @property
    def validates_outbound(self) -> bool:
        return self.dev if self.schema_validation is None else self.schema_validation

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'qaqpa.db').resolve()}"

    @property
    def pki_dir(self) -> Path:
        return self.data_dir / "pki"

    @property
    def advertised_url(self) -> str:
        """The base URL written into certificates (CRL, OCSP, CA issuer) and documents."""
        return (self.public_url or self.local_base_url).rstrip("/")

    @property
    def local_base_url(self) -> str:
        """Where this instance itself answers (the built-in mocks are reached through it)."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}"
