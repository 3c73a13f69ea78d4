"""The regulations catalogue: complete, valid, every citation inside its regulation's text, every query answerable
by a mock, and docs/regulations.md generated from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from contracts.regulations import CATALOGUE_DIR, NAMESPACE, CatalogueError, Lines, load_catalogue, read_catalogue
from contracts.regulations.__main__ import render
from mocks.catalogue import SYSTEMS
from tests.support.tools import require_seeds

DOCS = Path(__file__).resolve().parents[3] / "docs" / "regulations.md"

# Order 407, para 1 (seeds/000_35060450d94081fb.txt:17-79): the 18 services, in order.
SLUGS_407 = [
    "age-pension",
    "basic-state-pension",
    "disability-survivor-allowance",
    "state-special-allowances",
    "social-risk-payments",
    "childbirth-childcare-allowance",
    "special-state-allowance",
    "uapf-depositor-statement",
    "disability-assessment",
    "disabled-child-carer-allowance",
    "funeral-payment",
    "bankruptcy-harm-compensation",
    "foreigner-qualification-certificate",
    "pension-inflation-difference",
    "large-family-mother-allowance",
    "group1-childhood-disability-carer-allowance",
    "uapf-savings-payout",
    "social-contributions-statement",
]
PREAMBLE = Lines(1, 139)


def test_the_catalogue_holds_the_18_regulations_of_order_407_and_the_order_225_standard() -> None:
    catalogue = load_catalogue()
    assert [entry.key for entry in catalogue] == [f"407/{n}" for n in range(1, 19)] + ["225/1"]
    assert [entry.slug for entry in catalogue[:18]] == SLUGS_407
    by_number = {entry.number: entry for entry in catalogue if entry.order == "407"}
    # Regulation 4 (state special allowances) and 7 (the special state allowance) are different services.
    assert by_number[4].names["kk"] != by_number[7].names["kk"]
    assert all(set(entry.names) == {"kk", "ru", "en"} and all(entry.names.values()) for entry in catalogue)


def test_every_citation_lies_inside_its_regulation_in_the_orders_text() -> None:
    seeds = require_seeds()
    misplaced = []
    for path in sorted(CATALOGUE_DIR.glob("r*.xml")):
        root = etree.parse(str(path)).getroot()
        own = Lines.parse(root.get("lines", ""))
        length = len((seeds / root.get("source", "")).read_text(encoding="utf-8").splitlines())
        assert own.last <= length, f"{path.name} claims lines beyond its source"
        for element in root.iter(tag=etree.Element):
            if element is root or element.get("lines") is None:
                continue
            cited = Lines.parse(element.get("lines", ""))
            preamble_name = root.get("order") == "407" and element.tag == f"{{{NAMESPACE}}}name"
            ranges = (own, PREAMBLE) if preamble_name else (own,)
            if cited.first > cited.last or not any(r.first <= cited.first and cited.last <= r.last for r in ranges):
                misplaced.append(f"{path.name}:{element.sourceline} lines={element.get('lines')} outside {own}")
    assert not misplaced, "\n".join(misplaced)


def test_every_query_names_a_service_of_the_system_that_answers_it() -> None:
    offered = {system.code: {service.service_id for service in system.services} for system in SYSTEMS}
    wrong = [
        f"{entry.file}: {query.system} {query.service_id}"
        for entry in load_catalogue()
        for flow in entry.flows
        for query in flow.queries
        if (query.system == "OTHER") != (query.service_id is None)
        or (query.system != "OTHER" and query.service_id not in offered[query.system])
    ]
    assert not wrong, wrong
    assert {query.system for entry in load_catalogue() for flow in entry.flows for query in flow.queries} >= {
        "GBDFL",
        "ZAGS",
    }


def test_portal_information_is_due_within_30_minutes() -> None:
    flows = [
        (entry.key, flow) for entry in load_catalogue() for flow in entry.flows if flow.kind == "portal-information"
    ]
    assert flows
    late = [
        key
        for key, flow in flows
        if flow.deadline is None or (flow.deadline.unit, flow.deadline.amount) != ("minutes", 30)
    ]
    assert not late, late


def test_every_flow_numbers_its_steps_from_one() -> None:
    for entry in load_catalogue():
        for flow in entry.flows:
            assert [step.number for step in flow.steps] == list(range(1, len(flow.steps) + 1)), (entry.file, flow.kind)


def test_a_broken_entry_is_refused_with_its_file_and_reason(tmp_path: Path) -> None:
    shutil.copy(CATALOGUE_DIR / "catalogue.xsd", tmp_path)
    broken = (CATALOGUE_DIR / "r407-01-age-pension.xml").read_text(encoding="utf-8").replace(' lines="', ' line="', 1)
    (tmp_path / "r407-01-age-pension.xml").write_text(broken, encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"r407-01-age-pension\.xml breaks catalogue\.xsd"):
        read_catalogue(tmp_path)


def test_two_entries_with_one_slug_are_refused(tmp_path: Path) -> None:
    shutil.copy(CATALOGUE_DIR / "catalogue.xsd", tmp_path)
    first = (CATALOGUE_DIR / "r407-01-age-pension.xml").read_text(encoding="utf-8")
    (tmp_path / "r407-01-a.xml").write_text(first, encoding="utf-8")
    (tmp_path / "r407-01-b.xml").write_text(first.replace('number="1"', 'number="2"', 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match="same slug 'age-pension'"):
        read_catalogue(tmp_path)


def test_docs_regulations_md_is_generated_from_the_catalogue() -> None:
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "docs/regulations.md is stale: run .venv/bin/python -m contracts.regulations > docs/regulations.md"
    )
