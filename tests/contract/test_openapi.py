"""contracts/rest/openapi.json is the REST facade's contract: the code declares it and the gateway serves it;
a change to either side alone fails here, naming where they part."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from gateway.cli.contract import openapi_text
from gateway.conformance import json_drift
from tests.support.gateway import LiveGateway

CONTRACT = Path(__file__).resolve().parents[2] / "contracts" / "rest" / "openapi.json"


def _committed() -> Any:
    return json.loads(CONTRACT.read_text(encoding="utf-8"))


def _drift(declared: Any, committed: Any) -> str:
    heading = "the REST facade and contracts/rest/openapi.json differ; change both (qaqpa contract openapi):"
    return "\n".join([heading, *json_drift(declared, committed)])


def test_the_code_declares_the_committed_openapi() -> None:
    declared = json.loads(openapi_text())
    assert not json_drift(declared, _committed()), _drift(declared, _committed())
    assert openapi_text() == CONTRACT.read_text(encoding="utf-8"), "same content, other layout: regenerate the file"


def test_the_gateway_serves_the_committed_openapi(gateway: LiveGateway) -> None:
    served = gateway.http.get("/openapi.json").json()
    assert not json_drift(served, _committed()), _drift(served, _committed())


def test_a_contract_changed_without_the_code_is_caught_where_it_changed() -> None:
    declared = json.loads(openapi_text())
    edited = copy.deepcopy(_committed())
    del edited["paths"]["/api/v1/services"]
    edited["paths"]["/api/v1/cases"]["post"]["summary"] = "Open a case (edited)"
    drift = json_drift(declared, edited)
    assert "/paths/~1api~1v1~1services: only in the code" in drift
    assert any(place.startswith("/paths/~1api~1v1~1cases/post/summary: the code says ") for place in drift), drift
