"""Sequence diagrams of exchanges, drawn as SVG on the server: no script and no front-end build.

One exchange is up to four messages across three lifelines: the client, the ShEP gateway and the
information system behind it. A correlation chain or a case lays its exchanges one under another, so a
reader sees which system was asked what, in which order, and where it went wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

GATEWAY = "ShEP gateway"

_LANE = 210
_ROW = 40
_TOP = 46
_MARGIN = 24


@dataclass(frozen=True, slots=True)
class Arrow:
    source: str
    target: str
    label: str
    request: bool = False
    """A request introduces its receiver (or, towards the gateway, its sender) as a lifeline."""
    failed: bool = False
    missing: bool = False
    """The message never came (a timeout, a refused connection): drawn dashed."""
    href: str | None = None


def exchange_arrows(exchange: Mapping[str, Any], provider: str, href: str | None = None) -> list[Arrow]:
    """The messages of one logged exchange (gateway/message_log.py's JSON, whole or summary), in the order
    they crossed."""
    client = exchange.get("senderId") or "client"
    failed = exchange["outcome"] != "ok"
    arrows = [Arrow(client, GATEWAY, exchange.get("serviceId") or "request", request=True, href=href)]
    if exchange["providerReached"]:
        arrows.append(Arrow(GATEWAY, provider, "SendMessage", request=True, href=href))
        provider_failed = exchange.get("faultHop") == "provider"
        if exchange["providerAnswered"]:
            label = exchange["statusCode"] if provider_failed else "answer"
            arrows.append(Arrow(provider, GATEWAY, label, failed=provider_failed, href=href))
        else:
            label = f"no answer: {exchange['statusCode']}"
            arrows.append(Arrow(provider, GATEWAY, label, failed=True, missing=True, href=href))
    arrows.append(Arrow(GATEWAY, client, exchange["statusCode"] or exchange["outcome"], failed=failed, href=href))
    return arrows


def render(arrows: Iterable[Arrow]) -> Markup:
    """The diagram as an inline ``<svg>``; each arrow links to its exchange when it has an address."""
    arrows = list(arrows)
    participants = _participants(arrows)
    x = {name: _MARGIN + _LANE // 2 + index * _LANE for index, name in enumerate(participants)}
    width = _MARGIN * 2 + _LANE * len(participants)
    height = _TOP + _ROW * (len(arrows) + 1)
    parts = [
        f'<svg class="sequence" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="sequence diagram">',
        '<defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>',
    ]
    for name, lane in x.items():
        parts.append(
            f'<rect class="actor" x="{lane - _LANE // 2 + 8}" y="4" width="{_LANE - 16}" height="28" rx="4"/>'
            f'<text class="actor" x="{lane}" y="23" text-anchor="middle">{escape(_short(name))}</text>'
            f'<line class="lifeline" x1="{lane}" y1="32" x2="{lane}" y2="{height - 6}"/>'
        )
    for row, arrow in enumerate(arrows):
        parts.append(_arrow(arrow, x[arrow.source], x[arrow.target], _TOP + _ROW * row + _ROW // 2))
    parts.append("</svg>")
    return Markup("".join(parts))


def _participants(arrows: list[Arrow]) -> list[str]:
    """Clients on the left of the gateway, information systems on its right, each in order of appearance."""
    clients: dict[str, None] = {}
    systems: dict[str, None] = {}
    for arrow in arrows:
        if arrow.request and arrow.target == GATEWAY:
            clients.setdefault(arrow.source)
        elif arrow.request:
            systems.setdefault(arrow.target)
    systems = {name: None for name in systems if name not in clients}
    return [*clients, GATEWAY, *systems]


def _arrow(arrow: Arrow, start: int, end: int, y: int) -> str:
    classes = " ".join(["message", *(["failed"] if arrow.failed else []), *(["missing"] if arrow.missing else [])])
    line = (
        f'<g class="{classes}"><line x1="{start}" y1="{y}" x2="{end}" y2="{y}" marker-end="url(#head)"/>'
        f'<text x="{(start + end) // 2}" y="{y - 6}" text-anchor="middle">{escape(arrow.label)}</text></g>'
    )
    if arrow.href is None:
        return line
    return f'<a href="{escape(arrow.href)}">{line}</a>'


def _short(name: str, limit: int = 26) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
