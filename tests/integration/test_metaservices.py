"""Metaservices (listMethods, allowedMethods, getWsdl with the provider's address hidden) and the health
check's maintenance mode."""

from __future__ import annotations

from lxml import etree

from tests.support.gateway import LIMITED_SENDER, LiveGateway
from tests.support.shep import response_wrapper, send_message, simulated_data

WSDL = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"


def test_list_methods_names_every_enabled_service(gateway: LiveGateway) -> None:
    listed = {entry["serviceId"]: entry for entry in gateway.http.get("/api/v1/meta/listMethods").json()["services"]}
    assert listed["GBDFL_UniversalServiceSync"] == {
        "serviceId": "GBDFL_UniversalServiceSync",
        "system": "GBDFL",
        "channel": "sync",
    }
    assert "TEST_Disabled" not in listed and "TEST_Garbage" in listed


def test_allowed_methods_are_the_sender_s_rights_and_need_its_password(gateway: LiveGateway) -> None:
    sender_id, password = LIMITED_SENDER
    allowed = gateway.http.post("/api/v1/meta/allowedMethods", json={"senderId": sender_id, "password": password})
    assert allowed.status_code == 200, allowed.text
    assert [entry["serviceId"] for entry in allowed.json()["services"]] == ["TEST_Garbage"]
    wrong = gateway.http.post("/api/v1/meta/allowedMethods", json={"senderId": sender_id, "password": "guess"})
    assert wrong.json()["code"] == "Client.AuthenticationFailed"


def test_get_wsdl_gives_the_channel_s_wsdl_at_the_gateway_s_address_never_the_provider_s(gateway: LiveGateway) -> None:
    answered = gateway.http.get("/api/v1/meta/getWsdl", params={"serviceId": "TEST_Garbage"})
    assert answered.status_code == 200
    root = etree.fromstring(answered.content)
    [address] = root.iterfind(f".//{{{WSDL}}}port/{{{WSDL_SOAP}}}address")
    assert address.get("location") == f"{gateway.base_url}/bip-sync/"
    assert b"/garbage" not in answered.content, "TEST_Garbage's provider address stays hidden"
    pushed = gateway.http.get("/api/v1/meta/getWsdl", params={"serviceId": "TEST_AsyncPush"})
    [async_address] = etree.fromstring(pushed.content).iterfind(f".//{{{WSDL}}}port/{{{WSDL_SOAP}}}address")
    assert async_address.get("location") == f"{gateway.base_url}/bip-async/"
    unknown = gateway.http.get("/api/v1/meta/getWsdl", params={"serviceId": "TEST_Disabled"})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "Client.NotFound")


def test_maintenance_mode_drains_the_health_check_but_keeps_serving(gateway: LiveGateway) -> None:
    assert gateway.http.post("/api/v1/maintenance", json={"on": True}).json() == {"maintenance": True}
    try:
        health = gateway.http.get("/health")
        assert health.status_code == 503
        assert health.json()["message"] == "Health check interface is in maintenance mode"
        request = send_message(simulated_data("zags", gateway.sample()[0]), service_id="ZAGS_BirthActs")
        answered = gateway.post(request)
        assert response_wrapper(answered.content).findtext("response/responseInfo/status/code") == "SCSS001"
    finally:
        gateway.http.post("/api/v1/maintenance", json={"on": False}).raise_for_status()
    assert gateway.http.get("/health").status_code == 200
