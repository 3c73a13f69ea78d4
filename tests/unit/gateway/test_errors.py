from __future__ import annotations

import re
from pathlib import Path

from gateway import errors

DOCS = Path(__file__).resolve().parents[3] / "docs" / "errors.md"


def test_every_fault_has_a_stable_code_hop_and_status() -> None:
    faults = errors.all_fault_classes()
    codes = [fault.code for fault in faults]
    assert len(codes) == len(set(codes)), "codes are unique"
    for fault in faults:
        assert fault.code.split(".")[0] == {"client": "Client", "gateway": "Gateway", "provider": "Provider"}[fault.hop]
        assert 400 <= fault.http_status < 600


def test_the_docstring_tree_and_the_documentation_list_every_code() -> None:
    documented = set(re.findall(r"`((?:Client|Gateway|Provider)\.[\w.]+)`", DOCS.read_text()))
    documented -= {"Client.Signature", "Provider.Signature"}
    drawn = set(re.findall(r"((?:Client|Gateway|Provider)\.\w+)\s", errors.__doc__ or ""))
    assert set(errors.all_fault_codes()) == documented, "docs/errors.md and gateway/errors.py disagree"
    assert {fault.code for fault in errors.all_fault_classes()} == drawn, "gateway/errors.py's tree is out of date"


def test_a_provider_fault_names_its_system_as_actor() -> None:
    assert errors.ProviderTimeout("slow", system="GBDFL").actor == "urn:qaqpa:hop:provider:GBDFL"
    assert errors.AccessDenied("no").actor == "urn:qaqpa:hop:client"
