"""The REST side of an instance: service list, health, metrics, OpenAPI."""

from __future__ import annotations

from tests.support.gateway import LiveGateway
from tests.support.shep import gbdfl_request, inline_data, send_message


def test_services_lists_every_registered_service_id_with_its_system(gateway: LiveGateway) -> None:
    services = {s["serviceId"]: s for s in gateway.http.get("/api/v1/services").json()["services"]}
    gbdfl = services["GBDFL_UniversalServiceSync"]
    assert gbdfl["system"] == "GBDFL"
    assert gbdfl["channel"] == "sync"
    assert gbdfl["description"]
    assert "providerUrl" not in gbdfl


def test_health_is_ok_when_ready(gateway: LiveGateway) -> None:
    response = gateway.http.get("/health")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


def test_metrics_count_exchanges_and_faults(gateway: LiveGateway) -> None:
    gateway.post(send_message(inline_data(gbdfl_request("061211600012")), service_id="NO_SUCH_SERVICE"))
    text = gateway.http.get("/metrics").text
    assert 'qaqpa_faults_total{code="Client.UnknownService",hop="client"}' in text
    assert "qaqpa_exchange_seconds_bucket" in text


def test_openapi_describes_the_rest_facade_and_the_soap_endpoint(gateway: LiveGateway) -> None:
    paths = gateway.http.get("/openapi.json").json()["paths"]
    assert {"/api/v1/services", "/api/v1/messages", "/health", "/metrics", "/bip-sync/"} <= set(paths)


def test_an_unknown_path_is_a_not_found_problem(gateway: LiveGateway) -> None:
    response = gateway.http.get("/no/such/thing")
    assert response.status_code == 404
    assert response.json()["code"] == "Client.NotFound"


def test_a_method_a_path_does_not_take_is_refused_naming_every_one_it_does(gateway: LiveGateway) -> None:
    """Found by schemathesis: the Allow of a 405 was dropped, then named only the first route the router tried."""
    response = gateway.http.request("OPTIONS", "/api/v1/async/endpoint")
    assert (response.status_code, response.json()["code"]) == (405, "Client.SchemaViolation")
    assert response.headers["Allow"] == "GET, PUT, DELETE"
    assert gateway.http.post("/api/v1/mocks/zags/faults/1").headers["Allow"] == "DELETE"


def test_get_on_the_soap_endpoint_without_wsdl_explains_itself(gateway: LiveGateway) -> None:
    response = gateway.http.get("/bip-sync/")
    assert response.status_code == 400
    assert "?wsdl" in response.json()["message"]


def test_each_mock_serves_the_same_contract_at_its_own_address(gateway: LiveGateway) -> None:
    response = gateway.http.get("/mocks/gbdfl/?wsdl")
    assert response.status_code == 200
    assert f"{gateway.base_url}/mocks/gbdfl/".encode() in response.content


def test_the_regulations_are_listed_with_their_flows_and_one_is_shown_whole(gateway: LiveGateway) -> None:
    listed = gateway.http.get("/api/v1/regulations").json()["regulations"]
    assert [entry["key"] for entry in listed][-1] == "225/1" and len(listed) == 19
    age_pension = gateway.http.get("/api/v1/regulations/age-pension").json()
    assert age_pension["names"]["kk"] and age_pension["flows"][0]["steps"]
    missing = gateway.http.get("/api/v1/regulations/no-such-service")
    assert (missing.status_code, missing.json()["code"]) == (404, "Client.NotFound")
