"""``qaqpa fault``: break a mock system on demand, list what is broken, and make it recover — over HTTP, as the
console's systems panel and the pytest plugin's ``inject`` do (docs/faults.md)."""

from __future__ import annotations

from typing import Any

import click
import httpx

from gateway.cli._options import mock_system
from gateway.cli._output import table
from gateway.cli.exchange import instance_options, refused, unreachable
from gateway.clock import parse_duration
from gateway.testing import Sandbox
from mocks.catalogue import SYSTEMS
from mocks.faults import InvalidFault, parse_header


@click.group()
def fault() -> None:
    """Break mock systems on demand, list the rules, recover.

    The fault is written as in the X-Qaqpa-Fault header: a kind, then name=value parameters (docs/faults.md).
    With --run the rules belong to that test run alone (docs/runs.md).

    \b
    qaqpa fault add zags soap-fault --times 2          # the next two calls fail, then it recovers
    qaqpa fault add cbdi "latency; ms=900" --for 10m
    qaqpa fault list
    qaqpa fault clear zags
    """


@fault.command("add")
@click.argument("system")
@click.argument("spec", metavar="FAULT")
@click.option("--service", "service_id", help="Only this serviceId of the system [default: every one]")
@click.option("--times", type=click.IntRange(min=1), help="Break the next N calls, then recover")
@click.option("--for", "duration", metavar="DURATION", help="Break calls for this long (10m, 1h), by its clock")
@click.option(
    "--probability",
    type=click.FloatRange(0, 1, min_open=True),
    default=1.0,
    show_default=True,
    help="The share of calls broken",
)
@instance_options
def add(
    system: str,
    spec: str,
    service_id: str | None,
    times: int | None,
    duration: str | None,
    probability: float,
    url: str,
    token: str | None,
    run: str | None,
) -> None:
    """Tell SYSTEM to fail with FAULT; prints the rule.

    SYSTEM is a mock's short name (zags, gbdfl, …).

    \b
    qaqpa fault add zags soap-fault
    qaqpa fault add gbdfl "soap-fault; code=GBDFL.Busy" --service GBDFL_UniversalServiceSync --times 3
    qaqpa fault add enpf hang --for 31m --run ci-job-17
    """
    try:
        body: dict[str, Any] = {"fault": parse_header(spec).as_json(), "probability": probability}
    except InvalidFault as error:
        raise click.BadParameter(str(error), param_hint="FAULT") from None
    if times is not None:
        body["times"] = times
    if duration is not None:
        try:
            body["forMinutes"] = parse_duration(duration).total_seconds() / 60
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--for") from None
    if service_id is not None:
        body["serviceId"] = service_id
    rule = _call(url, token, run, "POST", f"/api/v1/mocks/{_known(system)}/faults", body)
    click.echo(table([_row(rule)], _COLUMNS))


@fault.command("list")
@click.argument("system", required=False)
@click.option("--all", "spent_too", is_flag=True, help="Spent and expired rules too")
@instance_options
def list_rules(system: str | None, spent_too: bool, url: str, token: str | None, run: str | None) -> None:
    """The fault rules in force, of SYSTEM or of every mock.

    \b
    qaqpa fault list
    qaqpa fault list zags --all
    """
    names = [_known(system)] if system else [each.name for each in SYSTEMS]
    rules = [
        rule
        for name in names
        for rule in _call(url, token, run, "GET", f"/api/v1/mocks/{name}/faults")["faults"]
        if spent_too or rule["active"]
    ]
    if rules:
        click.echo(table([_row(rule) for rule in rules], _COLUMNS))
    else:
        click.echo("no fault rules" + ("" if spent_too else " in force"), err=True)


@fault.command("clear")
@click.argument("system", required=False)
@instance_options
def clear(system: str | None, url: str, token: str | None, run: str | None) -> None:
    """Remove the rules of SYSTEM, or of every mock.

    The system recovers at once.

    \b
    qaqpa fault clear zags
    qaqpa fault clear
    """
    names = [_known(system)] if system else [each.name for each in SYSTEMS]
    deleted = sum(_call(url, token, run, "DELETE", f"/api/v1/mocks/{name}/faults")["deleted"] for name in names)
    click.echo(f"removed {deleted} fault rule{'' if deleted == 1 else 's'}")


_COLUMNS = ("id", "system", "serviceId", "fault", "left", "until", "hits", "state")


def _row(rule: dict[str, Any]) -> tuple[str, ...]:
    spec = dict(rule["fault"])
    kind = spec.pop("kind")
    written = "; ".join([kind, *(f"{name}={value}" for name, value in spec.items())])
    return (
        str(rule["id"]),
        rule["system"],
        rule["serviceId"] or "every",
        written,
        "∞" if rule["remaining"] is None else str(rule["remaining"]),
        rule["activeUntil"] or "",
        str(rule["hits"]),
        "active" if rule["active"] else "spent",
    )


def _known(system: str) -> str:
    return mock_system(system, "SYSTEM").name


def _call(url: str, token: str | None, run: str | None, method: str, path: str, body: Any = None) -> Any:
    sandbox = Sandbox(url, admin_token=token, run=run)
    try:
        response = sandbox.http.request(method, path, json=body)
    except httpx.HTTPError as error:
        raise unreachable(url, error) from None
    finally:
        sandbox.close()
    if response.is_error:
        raise refused(response)
    return response.json()
