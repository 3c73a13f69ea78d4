"""The regulations catalogue: the 18 services of Order No. 407 and the special state benefit of Order No. 225.

One XML file per service beside this module, valid by ``catalogue.xsd``; every statement taken from an order
cites its lines in the order's text (shared/seeds/). :func:`load_catalogue` reads and checks them once per
process; the gateway calls it at start-up, so a broken entry stops the instance with the file and the reason.
``python -m contracts.regulations`` prints the table of docs/regulations.md.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from contracts import namespaces as ns

CATALOGUE_DIR = Path(__file__).resolve().parent
NAMESPACE = "urn:qaqpa:regulations:v1"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Lines:
    first: int
    last: int

    @classmethod
    def parse(cls, text: str) -> Lines:
        first, _, last = text.partition("-")
        return cls(int(first), int(last or first))

    def __str__(self) -> str:
        return f"{self.first}" if self.first == self.last else f"{self.first}–{self.last}"

    def cite(self) -> str:
        """``382-389``: the ASCII form code and documents use (the ``lines`` attribute of the catalogue)."""
        return f"{self.first}" if self.first == self.last else f"{self.first}-{self.last}"


@dataclass(frozen=True, slots=True)
class Deadline:
    amount: int
    unit: str
    """minutes, hours, workingDays or calendarDays"""
    lines: Lines

    def __str__(self) -> str:
        units = {"minutes": "min", "hours": "h", "workingDays": "working days", "calendarDays": "calendar days"}
        return f"{self.amount} {units[self.unit]}"


@dataclass(frozen=True, slots=True)
class Cited:
    text: str
    lines: Lines


@dataclass(frozen=True, slots=True)
class Step:
    number: int
    kind: str
    actor: str
    does: str
    deadline: Deadline | None
    signer: str | None
    lines: Lines


@dataclass(frozen=True, slots=True)
class Query:
    system: str
    service_id: str | None
    step: int | None
    what: str
    lines: Lines


@dataclass(frozen=True, slots=True)
class Flow:
    kind: str
    deadline: Deadline | None
    steps: tuple[Step, ...]
    queries: tuple[Query, ...]
    checks: tuple[Cited, ...]
    lines: Lines


@dataclass(frozen=True, slots=True)
class DocumentsLoop:
    office_working_days: int | None
    applicant_working_days: int | None
    then: str
    text: str
    lines: Lines


@dataclass(frozen=True, slots=True)
class Regulation:
    order: str
    number: int
    slug: str
    source: str
    lines: Lines
    names: dict[str, str]
    provider: Cited
    channels: tuple[tuple[str, Cited], ...]
    service_deadlines: tuple[Deadline, ...]
    flows: tuple[Flow, ...]
    refusals: tuple[Cited, ...]
    documents_loop: DocumentsLoop | None
    result_form: Cited
    signed_by: Cited
    result_fields: tuple[Cited, ...]
    notifications: tuple[Cited, ...]
    choices: tuple[tuple[str, Cited], ...]
    file: str

    @property
    def key(self) -> str:
        """``407/4``, ``225/1``: how the orders number it."""
        return f"{self.order}/{self.number}"

    def systems(self) -> list[str]:
        return sorted({query.system for flow in self.flows for query in flow.queries})

    @property
    def application_service_id(self) -> str:
        """The serviceId an application to this service is sent to (Qaqpa's SOCPROT provider plays it)."""
        return f"SOCPROT_{_camel(self.slug)}_Application"

    @property
    def information_service_id(self) -> str | None:
        """The serviceId of the portal's information request, where the regulation has that flow."""
        if not any(flow.kind == "portal-information" for flow in self.flows):
            return None
        return f"SOCPROT_{_camel(self.slug)}_Information"


def _camel(slug: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in slug.split("-"))


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _lines(element: etree._Element) -> Lines:
    return Lines.parse(element.get("lines", "0"))


def _text(element: etree._Element) -> str:
    return " ".join((element.text or "").split())


def _cited(element: etree._Element) -> Cited:
    return Cited(_text(element), _lines(element))


def _child(parent: etree._Element, name: str) -> etree._Element:
    found = parent.find(_q(name))
    if found is None:
        raise CatalogueError(f"{name} is missing under {ns.tag_of(parent)} (line {parent.sourceline})")
    return found


def _deadline(element: etree._Element | None) -> Deadline | None:
    if element is None:
        return None
    amounts = [(unit, int(value)) for unit, value in element.attrib.items() if unit != "lines"]
    if len(amounts) != 1:
        raise CatalogueError(f"a deadline (line {element.sourceline}) needs exactly one amount, not {amounts}")
    unit, amount = amounts[0]
    return Deadline(amount, unit, _lines(element))


def _step(element: etree._Element) -> Step:
    signer = element.find(_q("signer"))
    return Step(
        number=int(element.get("number", "0")),
        kind=element.get("kind", ""),
        actor=element.get("actor", ""),
        does=_text(_child(element, "does")),
        deadline=_deadline(element.find(_q("deadline"))),
        signer=_text(signer) if signer is not None else None,
        lines=_lines(element),
    )


def _flow(element: etree._Element) -> Flow:
    return Flow(
        kind=element.get("kind", ""),
        deadline=_deadline(element.find(_q("deadline"))),
        steps=tuple(_step(step) for step in element.iterfind(_q("step"))),
        queries=tuple(
            Query(
                system=query.get("system", ""),
                service_id=query.get("serviceId"),
                step=int(query.get("step", "0")) or None,
                what=_text(query),
                lines=_lines(query),
            )
            for query in element.iterfind(_q("query"))
        ),
        checks=tuple(_cited(check) for check in element.iterfind(_q("check"))),
        lines=_lines(element),
    )


def _regulation(root: etree._Element, file: str) -> Regulation:
    loop = root.find(_q("documentsLoop"))
    result = _child(root, "result")
    return Regulation(
        order=root.get("order", ""),
        number=int(root.get("number", "0")),
        slug=root.get("slug", ""),
        source=root.get("source", ""),
        lines=_lines(root),
        names={name.get("lang", ""): _text(name) for name in root.iterfind(_q("name"))},
        provider=_cited(_child(root, "provider")),
        channels=tuple((channel.get("kind", ""), _cited(channel)) for channel in root.iterfind(_q("channel"))),
        service_deadlines=tuple(
            deadline for element in root.iterfind(_q("serviceDeadline")) if (deadline := _deadline(element))
        ),
        flows=tuple(_flow(flow) for flow in root.iterfind(_q("flow"))),
        refusals=tuple(_cited(refusal) for refusal in root.iterfind(_q("refusal"))),
        documents_loop=DocumentsLoop(
            office_working_days=int(loop.get("officeWorkingDays", "0")) or None,
            applicant_working_days=int(loop.get("applicantWorkingDays", "0")) or None,
            then=loop.get("then", ""),
            text=_text(_child(loop, "text")),
            lines=_lines(loop),
        )
        if loop is not None
        else None,
        result_form=_cited(_child(result, "form")),
        signed_by=_cited(_child(result, "signedBy")),
        result_fields=tuple(_cited(field) for field in result.iterfind(_q("field"))),
        notifications=tuple(_cited(element) for element in root.iterfind(_q("notification"))),
        choices=tuple((choice.get("about", ""), _cited(choice)) for choice in root.iterfind(_q("choice"))),
        file=file,
    )


def read_catalogue(directory: Path = CATALOGUE_DIR) -> tuple[Regulation, ...]:
    """Every catalogue file in ``directory``, valid by the schema, in the orders' numbering."""
    schema = etree.XMLSchema(etree.parse(str(directory / "catalogue.xsd"), _PARSER))
    entries = []
    for path in sorted(directory.glob("r*.xml")):
        try:
            document = etree.parse(str(path), _PARSER)
        except etree.XMLSyntaxError as error:
            raise CatalogueError(f"{path.name}: not well-formed XML: {error}") from None
        if not schema.validate(document):
            issues = "; ".join(f"line {entry.line}: {entry.message}" for entry in list(schema.error_log)[:3])
            raise CatalogueError(f"{path.name} breaks catalogue.xsd: {issues}")
        try:
            entries.append(_regulation(document.getroot(), path.name))
        except CatalogueError as error:
            raise CatalogueError(f"{path.name}: {error}") from None
    _unique(entries, lambda entry: entry.key, "number")
    _unique(entries, lambda entry: entry.slug, "slug")
    return tuple(sorted(entries, key=lambda entry: (entry.order != "407", entry.number)))


def _unique(entries: list[Regulation], key: Callable[[Regulation], str], what: str) -> None:
    seen: dict[str, str] = {}
    for entry in entries:
        value = key(entry)
        if value in seen:
            raise CatalogueError(f"{entry.file} and {seen[value]} have the same {what} {value!r}")
        seen[value] = entry.file


@functools.cache
def load_catalogue() -> tuple[Regulation, ...]:
    """The catalogue of ``contracts/regulations/``, read and checked once per process."""
    return read_catalogue()
