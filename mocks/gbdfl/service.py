"""The Individuals DB (ГБД ФЛ): ``GBDFL_UniversalServiceSync``.

A request (``{http://message.persistence.interactive.nat}Request``) names a person by IIN, by identity
document number, or by surname (with name, patronymic and birth date or range to narrow it). The answer is
a ``Response`` with ``messageResult`` and ``persons/person`` in the real ГБД ФЛ shape
(shared/notes/protocols-shep-xroad.md §1.9). Business outcomes travel inside a successful envelope, as the
real system reports them: "not found" (``10001``) for a valid IIN nobody holds, a validation error
(``20001``) for an IIN that cannot exist (wrong length, impossible date, wrong check digit).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from lxml import etree

from contracts import namespaces as ns
from contracts.shep import KZ_TIME, RequestInfo
from mocks.answers import business_answer, text, value
from mocks.catalogue import GBDFL
from mocks.gbdfl import dictionaries as d
from mocks.population import PersonRecord, PopulationStore
from mocks.population._people import region_of_settlement, settlement_by_kato
from mocks.storage import Storage
from signing.iin import iin_problem

_RESPONSE = ns.qname(ns.GBDFL_MESSAGE, "Response")


class IndividualsDb:
    """The handler of ``GBDFL_UniversalServiceSync``."""

    def __init__(self, storage: Storage, now: Callable[[], datetime]) -> None:
        self._store = PopulationStore(storage)
        self._now = now

    async def universal_service_sync(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        iin = (request.findtext("iin") or "").strip()
        document_number = (request.findtext("documentNumber") or "").strip()
        surname = (request.findtext("surname") or "").strip()
        if iin:
            if iin_problem(iin) is not None:
                return self._answer(request, d.RESULT_INVALID_IIN, [])
            found = await self._store.by_iin(iin)
            records = [found] if found is not None else []
        elif document_number:
            records = await self._store.by_document_number(document_number)
        elif surname:
            born_on = _date(request, "birthDate")
            records = await self._store.by_name(
                surname,
                name=(request.findtext("name") or "").strip() or None,
                patronymic=(request.findtext("patronymic") or "").strip() or None,
                born_from=born_on or _date(request, "birthDateFrom"),
                born_to=born_on or _date(request, "birthDateTo"),
            )
        else:
            return self._answer(request, d.RESULT_NO_CRITERIA, [])
        return self._answer(request, d.RESULT_OK if records else d.RESULT_NOT_FOUND, records)

    def _answer(self, request: etree._Element, result: d.Value, records: list[PersonRecord]) -> etree._Element:
        now = self._now()
        today = now.astimezone(KZ_TIME).date()
        response = business_answer(_RESPONSE, "gbdfl", GBDFL, request, result, now)
        if records:
            persons = etree.SubElement(response, "persons")
            for record in records:
                persons.append(_person(record, today))
        return response


def _date(request: etree._Element, name: str) -> date | None:
    value = (request.findtext(name) or "").strip()
    return date.fromisoformat(value[:10]) if value else None


def _place(parent: etree._Element, kato: str | None) -> None:
    if kato is None:
        return
    settlement = settlement_by_kato(kato)
    region = region_of_settlement(kato)
    value(parent, "district", d.Value(settlement.kato, settlement.district_ru, settlement.district_kz))
    value(parent, "region", d.Value(region.kato, region.name_ru, region.name_kz))


def _person(record: PersonRecord, today: date) -> etree._Element:
    p = record.person
    person = etree.Element("person")
    text(person, "iin", p["iin"])
    text(person, "surname", p["surname"])
    text(person, "name", p["name"])
    text(person, "patronymic", p["patronymic"])
    text(person, "engFirstName", p["eng_first_name"])
    text(person, "engSurname", p["eng_surname"])
    text(person, "birthDate", p["birth_date"].isoformat())
    death_date: date | None = p["death_date"]
    if death_date is not None:
        text(person, "deathDate", death_date.isoformat())
    value(person, "gender", d.GENDERS[p["sex"]])
    value(person, "nationality", d.nationality(p["nationality"]))
    value(person, "citizenship", d.country(p["citizenship"]))
    value(person, "lifeStatus", d.LIFE_DECEASED if death_date else d.LIFE_ALIVE)
    if p["birth_certificate"]:
        certificate = etree.SubElement(person, "birthCertificate")
        text(certificate, "number", p["birth_certificate"])
        text(certificate, "beginDate", p["birth_date"].isoformat())
        text(certificate, "issueOrganisation", d.CIVIL_REGISTRY_OFFICE)
    if death_date is not None and p["death_certificate"]:
        certificate = etree.SubElement(person, "deathCertificate")
        text(certificate, "number", p["death_certificate"])
        text(certificate, "beginDate", death_date.isoformat())
        text(certificate, "issueOrganisation", d.CIVIL_REGISTRY_OFFICE)
    birth_place = etree.SubElement(person, "birthPlace")
    value(birth_place, "country", d.country(p["birth_country"]))
    _place(birth_place, p["birth_settlement"])
    if p["birth_settlement"]:
        text(birth_place, "city", settlement_by_kato(p["birth_settlement"]).name_ru)
    if p["reg_settlement"]:
        address = etree.SubElement(person, "regAddress")
        value(address, "country", d.country("398"))
        _place(address, p["reg_settlement"])
        text(address, "city", settlement_by_kato(p["reg_settlement"]).name_ru)
        text(address, "street", p["reg_street"])
        text(address, "building", p["reg_building"])
        text(address, "flat", p["reg_flat"])
        if p["reg_since"]:
            text(address, "beginDate", p["reg_since"].isoformat())
        value(address, "status", d.ADDRESS_REGISTERED)
    documents = etree.SubElement(person, "documents")
    for document in record.documents:
        documents.append(_document(document, p, today))
    return person


def _document(document: dict[str, object], p: dict[str, object], today: date) -> etree._Element:
    element = etree.Element("document")
    begin = document["begin_date"]
    end = document["end_date"]
    death_date = p["death_date"]
    assert isinstance(begin, date) and (end is None or isinstance(end, date))
    assert death_date is None or isinstance(death_date, date)
    value(element, "type", d.DOCUMENT_TYPES[str(document["kind"])])
    text(element, "number", str(document["number"]))
    text(element, "beginDate", begin.isoformat())
    if end is not None:
        text(element, "endDate", end.isoformat())
    value(element, "issueOrganization", d.ISSUERS[str(document["issuer"])])
    if death_date is not None:
        value(element, "status", d.DOCUMENT_OWNER_DECEASED)
        text(element, "invalidityDate", death_date.isoformat())
    elif end is not None and end < today:
        value(element, "status", d.DOCUMENT_EXPIRED)
        text(element, "invalidityDate", end.isoformat())
    else:
        value(element, "status", d.DOCUMENT_VALID)
    text(element, "surname", str(p["surname"]))
    text(element, "name", str(p["name"]))
    if p["patronymic"]:
        text(element, "patronymic", str(p["patronymic"]))
    birth_date = p["birth_date"]
    assert isinstance(birth_date, date)
    text(element, "birthDate", birth_date.isoformat())
    return element
