"""Sequence diagrams of logged exchanges (gateway/console/_sequence.py)."""

from __future__ import annotations

from typing import Any

from lxml import etree

from gateway.console._sequence import GATEWAY, Arrow, exchange_arrows, render


def _exchange(**values: Any) -> dict[str, Any]:
    base = {
        "senderId": "DEMO_PORTAL",
        "serviceId": "GBDFL_UniversalServiceSync",
        "outcome": "ok",
        "statusCode": "SCSS001",
        "faultHop": None,
        "providerReached": True,
        "providerAnswered": True,
    }
    return base | values


def test_an_answered_exchange_is_four_messages_across_three_lifelines() -> None:
    arrows = exchange_arrows(_exchange(), "ГБД ФЛ")
    assert [(a.source, a.target, a.label, a.failed) for a in arrows] == [
        ("DEMO_PORTAL", GATEWAY, "GBDFL_UniversalServiceSync", False),
        (GATEWAY, "ГБД ФЛ", "SendMessage", False),
        ("ГБД ФЛ", GATEWAY, "answer", False),
        (GATEWAY, "DEMO_PORTAL", "SCSS001", False),
    ]


def test_a_provider_that_never_answered_is_a_dashed_failed_arrow() -> None:
    exchange = _exchange(outcome="fault", statusCode="Provider.Timeout", faultHop="provider", providerAnswered=False)
    arrows = exchange_arrows(exchange, "ГБД ФЛ")
    assert (arrows[2].label, arrows[2].failed, arrows[2].missing) == ("no answer: Provider.Timeout", True, True)
    assert arrows[3].failed


def test_a_request_refused_at_the_client_hop_never_reaches_the_provider() -> None:
    exchange = _exchange(outcome="fault", statusCode="Client.Signature.Missing", faultHop="client")
    exchange.update(providerReached=False, providerAnswered=False)
    arrows = exchange_arrows(exchange, "ГБД ФЛ")
    assert [(a.target, a.label, a.failed) for a in arrows] == [
        (GATEWAY, "GBDFL_UniversalServiceSync", False),
        ("DEMO_PORTAL", "Client.Signature.Missing", True),
    ]


def test_the_svg_puts_clients_left_of_the_gateway_and_escapes_names() -> None:
    arrows = [
        *exchange_arrows(_exchange(senderId="<PORTAL>"), "ZAGS", href="/console/messages/1?a=1&b=2"),
        *exchange_arrows(_exchange(), "ГБД ФЛ"),
    ]
    svg = etree.fromstring(str(render(arrows)).encode())
    actors = [text.text for text in svg.iter("{http://www.w3.org/2000/svg}text") if text.get("class") == "actor"]
    assert actors == ["<PORTAL>", "DEMO_PORTAL", GATEWAY, "ZAGS", "ГБД ФЛ"]
    links = [link.get("href") for link in svg.iter("{http://www.w3.org/2000/svg}a")]
    assert links == ["/console/messages/1?a=1&b=2"] * 4
    failed = [g for g in svg.iter("{http://www.w3.org/2000/svg}g") if "failed" in (g.get("class") or "")]
    assert failed == []


def test_a_failed_arrow_is_marked_in_the_svg() -> None:
    svg = str(render([Arrow("A", GATEWAY, "x", request=True), Arrow(GATEWAY, "A", "Boom", failed=True)]))
    assert 'class="message failed"' in svg and ">Boom</text>" in svg
