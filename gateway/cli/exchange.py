"""``qaqpa call`` and ``qaqpa log``: talk to a running instance as a portal does, and read what it logged.

Both work over HTTP against ``--url`` (default ``$QAQPA_URL``, else http://127.0.0.1:8080), so they serve a
laptop's ``qaqpa up`` and a shared CI instance alike; ``--run`` puts the call in a test run (docs/runs.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
import httpx
from lxml import etree

from contracts import errors as contract_errors
from contracts import namespaces as ns
from contracts import soap
from contracts.parsing import DEFAULT_LIMITS, indented, indented_text, parse_untrusted
from contracts.shep import canonicalize, fault_error_info, read_response
from gateway.cli._output import table
from gateway.clock import wall_clock
from gateway.testing import Sandbox

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_URL = "http://127.0.0.1:8080"


def instance_options(function: F) -> F:
    """``--url``, ``--token`` and ``--run``: which instance, as whom, in which test run."""
    options = [
        click.option("--url", envvar="QAQPA_URL", default=DEFAULT_URL, show_default=True, help="The instance"),
        click.option("--token", envvar="QAQPA_ADMIN_TOKEN", help="Admin token (needed outside dev mode)"),
        click.option("--run", "run", envvar="QAQPA_RUN", metavar="ID", help="Work in this test run (X-Qaqpa-Run)"),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _sandbox(url: str, token: str | None, run: str | None) -> Sandbox:
    return Sandbox(url, admin_token=token, run=run)


def refused(response: httpx.Response) -> click.ClickException:
    """The instance's refusal as one line: its fault code and message (application/problem+json), else the status."""
    try:
        problem = response.json()
        return click.ClickException(f"{problem['code']}: {problem['message']}")
    except (ValueError, KeyError, TypeError):
        return click.ClickException(f"{response.status_code} {response.text[:500]}")


def unreachable(url: str, error: httpx.HTTPError) -> click.ClickException:
    return click.ClickException(f"cannot reach Qaqpa at {url}: {error} (is `qaqpa up` running? --url)")


# --- qaqpa call ------------------------------------------------------------------------------------------


@click.command()
@click.argument("service_id")
@click.option(
    "--file",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A payload document, or a whole SOAP envelope sent as it is [default: the serviceId's golden request]",
)
@click.option("--set", "values", multiple=True, metavar="NAME=VALUE", help="Replace an element's text: --set iin=…")
@click.option("--sender", default="DEMO_PORTAL", show_default=True, help="senderId")
@click.option("--password", default="demo", show_default=True, help="The sender's password")
@click.option("--fault", help="An X-Qaqpa-Fault for this call: hang, soap-fault, latency; ms=900 (docs/faults.md)")
@click.option("--raw", is_flag=True, help="Print the answer exactly as it came")
@instance_options
def call(
    service_id: str,
    source: Path | None,
    values: Sequence[str],
    sender: str,
    password: str,
    fault: str | None,
    raw: bool,
    url: str,
    token: str | None,
    run: str | None,
) -> None:
    """Send a serviceId a request and print the answer.

    Through the SyncChannel of --url: SERVICE_ID's golden request with --set values, a payload file, or a
    whole envelope. Prints the session, the status and the payload indented, or the fault with its code and
    the hop that failed (and exits 1).

    \b
    qaqpa call GBDFL_UniversalServiceSync --set iin=880101300123
    qaqpa call ZAGS_DeathActs --file payload.xml --fault "latency; ms=900"
    """
    sandbox = _sandbox(url, token, run)
    try:
        envelope = _envelope(sandbox, service_id, source, dict(_pairs(values)), (sender, password))
        answer = sandbox.send(envelope, fault=fault)
    except httpx.HTTPError as error:
        raise unreachable(url, error) from None
    finally:
        sandbox.close()
    if raw:
        click.echo(answer.content.decode("utf-8", "replace"))
    else:
        click.echo(describe_answer(answer.content, answer.headers.get("X-Qaqpa-Session-Id")))
    if answer.status_code != 200:
        raise SystemExit(1)


def _pairs(values: Iterable[str]) -> Iterable[tuple[str, str]]:
    for value in values:
        name, equals, text = value.partition("=")
        if not equals or not name:
            raise click.BadParameter(f"{value!r}: write NAME=VALUE", param_hint="--set")
        yield name, text


def _envelope(
    sandbox: Sandbox, service_id: str, source: Path | None, values: dict[str, str], sender: tuple[str, str]
) -> bytes:
    if source is None:
        try:
            payload = sandbox.example(service_id, **values)
        except KeyError as error:
            raise click.BadParameter(f"{error.args[0]} (no golden request, or no such element)") from None
        return sandbox.envelope(service_id, payload, sender=sender)
    body = source.read_bytes()
    try:
        root = parse_untrusted(body, DEFAULT_LIMITS, what=str(source))
    except contract_errors.ContractError as error:
        raise click.BadParameter(str(error), param_hint="--file") from None
    if root.tag == f"{{{ns.SOAP11_ENV}}}Envelope":
        if values:
            raise click.BadParameter("--set changes a payload, not a whole envelope", param_hint="--set")
        return body
    for name, text in values.items():
        element = root.find(name)
        if element is None:
            raise click.BadParameter(f"the payload has no element {name!r}", param_hint="--set")
        element.text = text
    return sandbox.envelope(service_id, root, sender=sender)


def describe_answer(body: bytes, session_id: str | None) -> str:
    """A SyncChannel answer for a person: its status or fault, then the payload, indented."""
    try:
        envelope = soap.read_envelope(parse_untrusted(body, DEFAULT_LIMITS, what="the answer"), "the answer")
    except contract_errors.ContractError as error:
        return f"not a SOAP answer ({error}):\n{body[:2000].decode('utf-8', 'replace')}"
    lines = [f"session  {session_id}"] if session_id else []
    if envelope.is_fault:
        fault = soap.read_fault(envelope.payload)
        shep_error = fault_error_info(fault.detail)
        lines.append(f"fault    {shep_error.code if shep_error else fault.code}  (hop: {_hop(fault.actor)})")
        lines.append(f"         {shep_error.message if shep_error else fault.string}")
        if shep_error is not None and shep_error.sub_error is not None:
            lines.append(f"from     {shep_error.sub_error.code}: {shep_error.sub_error.message}")
        return "\n".join(lines)
    canonicalize(envelope.payload)
    try:
        info, data = read_response(envelope.payload)
    except ValueError as error:
        return f"not a SendMessageResponse ({error}):\n{body[:2000].decode('utf-8', 'replace')}"
    lines.append(f"status   {info.status.code}  {info.status.message}")
    lines.append(_pretty(data))
    return "\n".join(lines)


def _hop(actor: str | None) -> str:
    return actor.removeprefix("urn:qaqpa:hop:") if actor else "unknown"


def _pretty(data: etree._Element) -> str:
    children = list(data.iterchildren(tag=etree.Element))
    if not children and (data.text or "").strip().startswith("<"):
        try:
            children = [parse_untrusted((data.text or "").strip().encode(), DEFAULT_LIMITS, what="data")]
        except contract_errors.ContractError:
            return (data.text or "").strip()
    if not children:
        return (data.text or "").strip()
    return "\n".join(map(indented, children))


# --- qaqpa log -------------------------------------------------------------------------------------------

_COLUMNS = ("received", "session", "sender", "serviceId", "iin", "outcome", "code", "ms")


@click.command()
@click.option("--sender", help="senderId")
@click.option("--service", "service_id", help="serviceId")
@click.option("--iin", help="The subject's IIN")
@click.option("--outcome", type=click.Choice(["ok", "fault"]), help="Only answered or only failed exchanges")
@click.option("--session", "session_id", help="Show this exchange whole: both hops' messages and signatures")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True, help="The newest this many")
@click.option("--follow", "-f", is_flag=True, help="Keep printing new exchanges as they come (Ctrl-C stops)")
@click.option("--interval", type=click.FloatRange(0.1, 60), default=1.0, show_default=True, help="--follow's poll")
@instance_options
def log(
    sender: str | None,
    service_id: str | None,
    iin: str | None,
    outcome: str | None,
    session_id: str | None,
    limit: int,
    follow: bool,
    interval: float,
    url: str,
    token: str | None,
    run: str | None,
) -> None:
    """Show the message log: exchanges as a table, or one whole.

    The newest exchanges, oldest first, one row each (received, session, sender, serviceId, IIN, outcome,
    code, milliseconds); with --session one exchange whole, both hops' messages and signatures.

    \b
    qaqpa log --outcome fault --service ZAGS_DeathActs
    qaqpa log -f
    qaqpa log --session '{8f2b…}'
    """
    criteria = {"senderId": sender, "serviceId": service_id, "iin": iin, "outcome": outcome, "sessionId": session_id}
    params: dict[str, str | int] = {name: value for name, value in criteria.items() if value is not None}
    params["limit"] = limit
    sandbox = _sandbox(url, token, run)
    try:
        found = _exchanges(sandbox, params)
        if session_id is not None:
            if not found:
                raise click.ClickException(f"the message log holds no exchange {session_id}")
            click.echo(_whole(found[0]))
            return
        found.reverse()  # oldest first, as a log reads
        click.echo(table([_row(exchange) for exchange in found], _COLUMNS))
        seen = {exchange["sessionId"] for exchange in found}
        while follow:
            time.sleep(interval)
            fresh = [e for e in reversed(_exchanges(sandbox, params)) if e["sessionId"] not in seen]
            for exchange in fresh:
                seen.add(exchange["sessionId"])
                click.echo(table([_row(exchange)], _COLUMNS, header=False))
    except httpx.HTTPError as error:
        raise unreachable(url, error) from None
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.close()


def _exchanges(sandbox: Sandbox, params: dict[str, str | int]) -> list[dict[str, Any]]:
    response = sandbox.http.get("/api/v1/messages", params=params)
    if response.status_code != 200:
        raise refused(response)
    return list(response.json()["exchanges"])


def _row(exchange: dict[str, Any]) -> list[str]:
    total = (exchange.get("timingsMs") or {}).get("total")
    return [
        wall_clock(exchange["receivedAt"]),
        exchange["sessionId"],
        exchange["senderId"] or "-",
        exchange["serviceId"] or "-",
        exchange["subjectIin"] or "-",
        exchange["outcome"] + (f" ({exchange['faultHop']})" if exchange.get("faultHop") else ""),
        exchange["statusCode"] or "-",
        f"{total:.1f}" if isinstance(total, int | float) else "-",
    ]


def _whole(exchange: dict[str, Any]) -> str:
    summary = [f"{name:<14}{exchange.get(key) or '-'}" for name, key in _SUMMARY]
    summary.append(f"{'timings (ms)':<14}{exchange.get('timingsMs') or {}}")
    for verdict in exchange.get("signatures") or []:
        summary.append(f"{'signature':<14}{verdict}")
    for title, key in _BODIES:
        if exchange.get(key):
            summary += ["", f"--- {title} ---", indented_text(exchange[key], what="a logged message")]
    return "\n".join(summary)


_SUMMARY = (
    ("session", "sessionId"),
    ("received", "receivedAt"),
    ("channel", "channel"),
    ("sender", "senderId"),
    ("serviceId", "serviceId"),
    ("messageId", "messageId"),
    ("subject IIN", "subjectIin"),
    ("outcome", "outcome"),
    ("code", "statusCode"),
    ("message", "statusMessage"),
    ("failed hop", "faultHop"),
)
_BODIES = (
    ("request (client → gateway)", "request"),
    ("request (gateway → provider)", "providerRequest"),
    ("answer (provider → gateway)", "providerResponse"),
    ("answer (gateway → client)", "response"),
)
