"""What the console's pages show, read from the message log, the cases and the mocks' state.

Each function turns stored records into plain values a template lays out; none of them renders HTML, so
the pages stay templates and what they show can be tested without a browser.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from contracts.parsing import indented_text
from contracts.shep import KZ_TIME
from gateway.api.clock import clock_view
from gateway.clock import wall_clock
from gateway.console._sequence import Arrow, exchange_arrows
from gateway.registry import ServiceRegistry
from gateway.runtime import Runtime
from mocks.catalogue import MockSystem, system_by_name

HOP_TITLES = {
    "client": "Request in: read, authenticated, checked against the contract and its signatures verified",
    "provider": "The information system: the gateway's SendMessage and its answer",
    "gateway": "Answer out: checked, signed and sent back",
}

BODIES = (
    ("request", "Request: client → gateway"),
    ("providerRequest", "Request: gateway → provider"),
    ("providerResponse", "Answer: provider → gateway"),
    ("response", "Answer: gateway → client"),
)


@dataclass(frozen=True, slots=True)
class Hop:
    name: str
    title: str
    ms: float | None
    state: str
    """``ok``, ``failed`` (the hop the fault names) or ``skipped`` (the exchange never got there)."""


@dataclass(frozen=True, slots=True)
class Body:
    key: str
    title: str
    text: str


def provider_name(registry: ServiceRegistry, service_id: str | None) -> str:
    service = registry.get(service_id) if service_id else None
    return service.system_name if service is not None else "provider"


def hops(exchange: Mapping[str, Any]) -> list[Hop]:
    """The exchange's three hops with the time spent in each; the failing one marked."""
    timings: Mapping[str, float] = exchange.get("timingsMs") or {}
    failed_at = exchange.get("faultHop")
    reached_provider = exchange["providerReached"]
    client_ms = timings.get("client", timings.get("total") if failed_at == "client" else None)
    provider_ms = timings.get("provider")
    total = timings.get("total")
    rest = total - (client_ms or 0.0) - (provider_ms or 0.0) if total is not None and client_ms is not None else None

    def state(hop: str, reached: bool) -> str:
        return "failed" if failed_at == hop else "ok" if reached else "skipped"

    answered = failed_at not in ("client", "provider")
    return [
        Hop("client", HOP_TITLES["client"], client_ms, state("client", True)),
        Hop("provider", HOP_TITLES["provider"], provider_ms, state("provider", reached_provider)),
        Hop("gateway", HOP_TITLES["gateway"], rest if answered else None, state("gateway", answered)),
    ]


def bodies(exchange: Mapping[str, Any]) -> list[Body]:
    """The raw messages of the exchange, indented where they are XML."""
    return [
        Body(key, title, indented_text(exchange[key], what="a logged message"))
        for key, title in BODIES
        if exchange.get(key)
    ]


def chain_arrows(exchanges: Sequence[Mapping[str, Any]], registry: ServiceRegistry, base: str) -> list[Arrow]:
    """The arrows of several exchanges, oldest first, each linking to its own page."""
    arrows: list[Arrow] = []
    for exchange in sorted(exchanges, key=lambda e: e["receivedAt"]):
        href = exchange_href(base, exchange["sessionId"])
        arrows += exchange_arrows(exchange, provider_name(registry, exchange.get("serviceId")), href)
    return arrows


def exchange_href(base: str, session_id: str) -> str:
    return f"{base}/messages/{quote(session_id, safe='')}"


@dataclass(frozen=True, slots=True)
class TimeLeft:
    deadline: datetime
    seconds: float

    @property
    def passed(self) -> bool:
        return self.seconds < 0

    @property
    def text(self) -> str:
        span = _span(abs(self.seconds))
        return f"passed {span} ago" if self.passed else f"{span} left"


def time_left(deadline: datetime | str | None, now: datetime) -> TimeLeft | None:
    if deadline is None:
        return None
    moment = datetime.fromisoformat(deadline) if isinstance(deadline, str) else deadline
    return TimeLeft(moment.astimezone(KZ_TIME), (moment - now).total_seconds())


def _span(seconds: float) -> str:
    whole = timedelta(seconds=round(seconds))
    days, rest = divmod(int(whole.total_seconds()), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s" if minutes < 5 else f"{minutes} min"
    return f"{secs} s"


@dataclass(frozen=True, slots=True)
class SignatureView:
    hop: str
    layer: str
    valid: bool
    reason: str | None
    message: str
    algorithm: str | None
    revocation: Mapping[str, str]
    signer: Mapping[str, Any] | None
    validity: str | None
    """``valid``, ``expired`` or ``not yet valid`` at the page's time; None without a certificate."""


def signatures(exchange: Mapping[str, Any], now: datetime) -> list[SignatureView]:
    """Each signature the gateway checked in the exchange, with its verdict and its signer's certificate."""
    views = []
    for checked in exchange.get("signatures") or []:
        signer = checked.get("signer")
        views.append(
            SignatureView(
                hop=checked["hop"],
                layer=checked["layer"],
                valid=checked["valid"],
                reason=checked.get("reason"),
                message=checked.get("message", ""),
                algorithm=checked.get("algorithm"),
                revocation=checked.get("revocation") or {},
                signer=signer,
                validity=_validity(signer, now) if signer else None,
            )
        )
    return views


def _validity(signer: Mapping[str, Any], now: datetime) -> str:
    if now < datetime.fromisoformat(signer["notBefore"]):
        return "not yet valid"
    return "expired" if now > datetime.fromisoformat(signer["notAfter"]) else "valid"


@dataclass(frozen=True, slots=True)
class SystemPanel:
    system: MockSystem
    url: str
    health: str | None
    """Why the system's health address does not answer; None when it does."""
    rules: list[dict[str, Any]]

    @property
    def active_rules(self) -> list[dict[str, Any]]:
        return [rule for rule in self.rules if rule["active"]]


def mock_url(runtime: Runtime, name: str) -> str:
    """Where the gateway reaches a mock: its registry address (QAQPA_MOCK_URLS included)."""
    for offered in system_by_name(name).services:
        service = runtime.registry.get(offered.service_id)
        if service is not None:
            return service.provider_url
    return f"{runtime.settings.local_base_url}{runtime.mock_paths[name]}"


def health_url(runtime: Runtime, name: str) -> str:
    return f"{mock_url(runtime, name).rstrip('/')}/health"


def clock_banner(runtime: Runtime) -> dict[str, Any]:
    """The clock as every page's header shows it (the request's test run's clock)."""
    view = clock_view(runtime)
    return {**view, "display": wall_clock(view["nowKz"]), "shift": _shift(view["offsetSeconds"])}


def _shift(seconds: float) -> str | None:
    if abs(seconds) < 1:
        return None
    return f"{'+' if seconds > 0 else '−'}{_span(abs(seconds))}"
