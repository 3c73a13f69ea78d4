from __future__ import annotations

import pytest
from lxml import etree

from contracts import namespaces as ns
from contracts.loader import SYNC_SERVICE_WSDL
from contracts.publishing import UnknownContractFile, contract_path, published


def test_relative_references_become_absolute_urls() -> None:
    document = etree.fromstring(published("shep/ISyncChannel.wsdl", "http://gw:1"))
    locations = {i.get("schemaLocation") for i in document.iter(ns.qname(ns.XSD, "import"))}
    simulated = {f"http://gw:1/contracts/sim/{name}.xsd" for name in ("zags", "eopeka", "cbdi", "sud", "isna")}
    assert {"http://gw:1/contracts/shep/sync-channel.xsd", "http://gw:1/contracts/gbdfl/message.xsd"} <= locations
    assert simulated <= locations
    assert all((location or "").startswith("http://gw:1/contracts/") for location in locations)


def test_the_endpoint_replaces_the_soap_address() -> None:
    document = etree.fromstring(published(SYNC_SERVICE_WSDL, "http://gw:1", "http://gw:1/bip-sync/"))
    assert [a.get("location") for a in document.iter(ns.qname(ns.WSDL_SOAP, "address"))] == ["http://gw:1/bip-sync/"]


@pytest.mark.parametrize("path", ["../pyproject.toml", "shep/../../gateway/app.py", "loader.py", "shep/none.xsd"])
def test_only_contract_files_are_published(path: str) -> None:
    with pytest.raises(UnknownContractFile):
        contract_path(path)
