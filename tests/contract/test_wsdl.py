"""The served WSDL and schemas are contracts/ itself, and a zeep client built from them works unchanged."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path

import pytest
import zeep
from lxml import etree
from zeep.plugins import HistoryPlugin

from contracts import namespaces as ns
from contracts.loader import CONTRACTS_DIR, load_contracts
from tests.support.gateway import LiveGateway
from tests.support.shep import zeep_lookup

CONTRACT_FILES = sorted(
    p.relative_to(CONTRACTS_DIR).as_posix() for p in CONTRACTS_DIR.rglob("*") if p.suffix in (".xsd", ".wsdl")
)


def _without_locations(document: bytes) -> bytes:
    """The document with every reference and address blanked: what is left must not differ from the file."""
    tree = etree.fromstring(document)
    for element in tree.iter():
        for attribute in ("schemaLocation", "location"):
            if attribute in element.attrib:
                element.set(attribute, "")
    return etree.tostring(tree, method="c14n")


@pytest.mark.parametrize("relative", CONTRACT_FILES)
def test_every_served_contract_file_is_the_file_in_contracts(gateway: LiveGateway, relative: str) -> None:
    served = gateway.http.get(f"/contracts/{relative}")
    assert served.status_code == 200
    assert _without_locations(served.content) == _without_locations((CONTRACTS_DIR / relative).read_bytes())


def test_the_served_wsdl_points_at_this_instance(gateway: LiveGateway) -> None:
    wsdl = etree.fromstring(gateway.http.get("/bip-sync/?wsdl").content)
    addresses = [a.get("location") for a in wsdl.iter(ns.qname(ns.WSDL_SOAP, "address"))]
    assert addresses == [f"{gateway.base_url}/bip-sync/"]
    imports = [i.get("location") for i in wsdl.iter(ns.qname(ns.WSDL, "import"))]
    assert imports == [f"{gateway.base_url}/contracts/shep/ISyncChannel.wsdl"]


def test_the_wsdl_keeps_the_shep_names(gateway: LiveGateway) -> None:
    with zeep.Client(f"{gateway.base_url}/bip-sync/?wsdl") as client:
        service = client.wsdl.services["ISyncChannelHttpService"]
        port = service.ports["SyncChannelHttpPort"]
        assert port.binding.name.text == f"{{{ns.SYNC_BINDING}}}SyncChannelHttpBinding"
        assert port.binding.port_type.name.text == f"{{{ns.SYNC_INTERFACES}}}ISyncChannel"
        assert list(port.binding._operations) == ["SendMessage"]
        client.get_element(f"{{{ns.SYNC_WRAPPER}}}SendMessageFault1_SendMessageFault")


def test_a_zeep_client_looks_a_citizen_up_with_a_typed_payload(gateway: LiveGateway) -> None:
    iin = gateway.sample("adult")[0]
    history = HistoryPlugin()
    with zeep.Client(f"{gateway.base_url}/bip-sync/?wsdl", plugins=[history]) as client:
        result = zeep_lookup(client, iin)
        assert result.responseInfo.status.code == "SCSS001"
        person = result.responseData.data.persons.person[0]
        assert person.iin == iin
        for field in ("surname", "name", "birthDate", "gender", "citizenship", "lifeStatus", "regAddress", "documents"):
            assert getattr(person, field) is not None, field

        assert history.last_received is not None
        received = history.last_received["envelope"]
        wrapper = received.find(f".//{{{ns.SYNC_WRAPPER}}}SendMessageResponse")
        contracts = load_contracts()
        assert contracts.sync_channel.validate(wrapper), contracts.sync_channel.error_log
        gateway.session_ids.append(result.responseInfo.sessionId)


def test_a_zeep_client_may_pass_the_payload_as_a_string(gateway: LiveGateway) -> None:
    iin = gateway.sample()[0]
    with zeep.Client(f"{gateway.base_url}/bip-sync/?wsdl") as client:
        payload = (
            f'<m:Request xmlns:m="{ns.GBDFL_MESSAGE}"><messageId>1</messageId>'
            f"<messageDate>2026-11-22T10:00:00+05:00</messageDate><senderCode>DEMO_PORTAL</senderCode><iin>{iin}</iin></m:Request>"
        )
        result = client.service.SendMessage(
            request={
                "requestInfo": {
                    "messageId": str(uuid.uuid4()),
                    "serviceId": "GBDFL_UniversalServiceSync",
                    "messageDate": datetime.datetime.now(datetime.UTC),
                    "sender": {"senderId": "DEMO_PORTAL", "password": "demo"},
                },
                "requestData": {"data": payload},
            }
        )
        # The answer is signed by the Individuals DB, so it comes back as the system sent it: typed inline XML.
        assert result.responseData.data.persons.person[0].iin == iin
        gateway.session_ids.append(result.responseInfo.sessionId)


def test_a_zeep_client_sees_faults_as_zeep_faults(gateway: LiveGateway) -> None:
    with zeep.Client(f"{gateway.base_url}/bip-sync/?wsdl") as client:
        with pytest.raises(zeep.exceptions.Fault) as raised:
            client.service.SendMessage(
                request={
                    "requestInfo": {
                        "messageId": "1",
                        "serviceId": "NO_SUCH_SERVICE",
                        "messageDate": datetime.datetime.now(datetime.UTC),
                        "sender": {"senderId": "DEMO_PORTAL", "password": "demo"},
                    },
                    "requestData": {"data": "x"},
                }
            )
        detail = raised.value.detail
        assert detail is not None
        info = detail.find(f"{{{ns.SYNC_WRAPPER}}}SendMessageFault1_SendMessageFault")
        assert info is not None and info.findtext("errorCode") == "Client.UnknownService"
        gateway.session_ids.append(info.findtext("sessionId") or "")


def test_contract_directory_is_what_the_loader_compiles() -> None:
    for relative in CONTRACT_FILES:
        if relative.endswith(".xsd"):
            etree.XMLSchema(etree.parse(str(Path(CONTRACTS_DIR, relative))))
