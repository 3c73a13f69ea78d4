"""Bounded schemathesis in every suite run: requests generated from the committed OpenAPI
(contracts/rest/openapi.json), valid and not, to every REST operation of a live instance of this module's own,
on SQLite and on PostgreSQL. No answer may be a 5xx, and each must be one the contract documents: its status,
its media type and its body's schema (every error is a Problem), and a 405's ``Allow``.

The SOAP channels' POSTs are left to test_fuzzing.py: the OpenAPI does not describe their XML, and a SOAP
Fault is a 500 by SOAP 1.1."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy
from schemathesis import HookContext
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from contracts.regulations import load_catalogue
from mocks.catalogue import SYSTEMS
from mocks.editing import RECORD_KINDS
from mocks.runs import HEADER as RUN_HEADER
from mocks.runs import InvalidRun, parse_run
from tests.conftest import BACKENDS
from tests.support.databases import postgres_database
from tests.support.gateway import LiveGateway, live_gateway
from tests.support.providers import closed_port

CONTRACT = Path(__file__).resolve().parents[2] / "contracts" / "rest" / "openapi.json"
SCHEMA = schemathesis.openapi.from_path(CONTRACT).exclude(method="POST", path_regex=r"^/bip-(a?sync)/$")

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    unsupported_method,
    allow_header_conformance,
    negative_data_rejection,
]
"""Left out: positive_data_acceptance, since the gateway rightly refuses some schema-valid requests with a
documented 400 (an IIN's check digit, a character XML cannot carry, a ShEP rule). negative_data_rejection holds:
request fields take no coercion pydantic would allow (gateway/api/fields.py)."""

OVERLAPPING_PATHS = {"/api/v1/cases/proactive"}
"""Paths another operation's template takes too: a GET here reads the case "proactive" (GET /api/v1/cases/
{case_id}), so a 405's ``Allow`` rightly names GET, which this path's own operations do not."""

DEMO = "Basic " + base64.b64encode(b"DEMO_PORTAL:demo").decode()
"""Every request signs in as the demo portal: the async REST API needs a sender, the admin API (dev mode) none."""


KNOWN: dict[str, list[str]] = {
    "name": [system.name for system in SYSTEMS],
    "kind": list(RECORD_KINDS),
    "slug": [entry.slug for entry in load_catalogue()],
    "serviceId": ["GBDFL_UniversalServiceSync", "TEST_AsyncPull", "SOCPROT_SpecialStateBenefit_Application"],
    "iin": [],  # the instance's citizens, once it runs
}
"""Values the instance knows, mixed into generated parameters: without them nearly every request to a mock, a
record kind or a citizen ends at a 404, and what lies behind is never reached."""


def _sometimes_known(values: dict[str, Any] | None) -> SearchStrategy[dict[str, Any] | None]:
    names = [name for name in values or {} if KNOWN.get(name)]
    if values is None or not names:
        return st.just(values)
    known = st.fixed_dictionaries({name: st.sampled_from(KNOWN[name]) for name in names})
    return st.just(values) | known.map(lambda chosen: {**values, **chosen})


@SCHEMA.hook
def flatmap_path_parameters(_: HookContext, path_parameters: dict[str, Any] | None) -> SearchStrategy[Any]:
    return _sometimes_known(path_parameters)


@SCHEMA.hook
def flatmap_query(_: HookContext, query: dict[str, Any] | None) -> SearchStrategy[Any]:
    return _sometimes_known(query)


@pytest.fixture(scope="module", params=BACKENDS)
def instance(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveGateway]:
    """An instance of this module alone: what the fuzzing changes (the clock, maintenance mode, fault rules,
    the population) must not reach the other tests' session gateway."""
    data_dir = tmp_path_factory.mktemp("schemathesis")
    if request.param == "sqlite":
        with live_gateway(data_dir, f"sqlite:///{data_dir / 'qaqpa.db'}", population_size=200) as live:
            KNOWN["iin"] = live.sample(count=5)
            yield live
    else:
        with postgres_database() as url, live_gateway(data_dir, url, population_size=200) as live:
            KNOWN["iin"] = live.sample(count=5)
            yield live


@SCHEMA.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
)
def test_every_answer_is_one_the_contract_documents(case: schemathesis.Case[Any], instance: LiveGateway) -> None:
    _keep_pushes_on_this_machine(case)
    checks = CHECKS
    if case.operation.path in OVERLAPPING_PATHS:
        checks = [check for check in CHECKS if check is not allow_header_conformance]
    try:
        case.call_and_validate(base_url=instance.base_url, headers={"Authorization": DEMO}, checks=checks)
    finally:
        _undo(case, instance.http)


def _keep_pushes_on_this_machine(case: schemathesis.Case[Any]) -> None:
    """An async endpoint the demo portal registers is where the courier pushes: never another machine."""
    if case.operation.path != "/api/v1/async/endpoint" or not isinstance(case.body, dict):
        return
    url = case.body.get("url")
    if not isinstance(url, str):
        return
    try:
        host = httpx.URL(url.strip()).host
    except (httpx.InvalidURL, ValueError, TypeError):
        return
    if host and host not in ("127.0.0.1", "localhost"):
        case.body["url"] = f"http://127.0.0.1:{closed_port()}/"


def _undo(case: schemathesis.Case[Any], http: httpx.Client) -> None:
    """Put back what an operation changed for every later one: the clock, maintenance mode, fault rules and
    the demo portal's endpoint (each example starts from the instance as it was)."""
    method, path = case.operation.method.upper(), case.operation.path
    sent = case.headers.get(RUN_HEADER) if case.headers else None
    try:
        named = parse_run(None if sent is None else str(sent))
    except InvalidRun:
        return  # refused before anything was done
    run = {RUN_HEADER: named} if named else {}
    if path.startswith("/api/v1/clock/") and method == "POST":
        http.post("/api/v1/clock/reset", headers=run)
    elif path == "/api/v1/maintenance":
        http.post("/api/v1/maintenance", json={"on": False}).raise_for_status()
    elif path == "/api/v1/mocks/{name}/faults" and method == "POST":
        http.delete(f"/api/v1/mocks/{quote(str(case.path_parameters['name']), safe='')}/faults", headers=run)
    elif path == "/api/v1/async/endpoint" and method == "PUT":
        http.delete(path, headers={"Authorization": DEMO}).raise_for_status()
