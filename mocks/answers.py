"""Writing a mock's answer: the header every system's ``Response`` starts with, and the small element
builders the answers are made of (text, a bilingual dictionary value, a date, a flag)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from lxml import etree

from contracts.shep import xml_datetime
from mocks.catalogue import MockSystem
from mocks.gbdfl.dictionaries import Value


def business_answer(
    tag: str, prefix: str, system: MockSystem, request: etree._Element, result: Value, now: datetime
) -> etree._Element:
    """A ``Response`` (Clark ``tag``) with the common header: ids, date, sender, receiver, ``messageResult``."""
    namespace = etree.QName(tag).namespace
    response = etree.Element(tag, nsmap={prefix: namespace} if namespace else None)
    text(response, "messageId", str(uuid.uuid4()))
    text(response, "messageDate", xml_datetime(now))
    text(response, "requestId", request.findtext("messageId") or "")
    value(response, "sender", Value(system.code, system.name_ru, system.name_kz))
    sender_code = request.findtext("senderCode") or ""
    value(response, "receiver", Value(sender_code, sender_code, sender_code))
    value(response, "messageResult", result)
    return response


def text(parent: etree._Element, name: str, content: str | None) -> None:
    if content is not None:
        etree.SubElement(parent, name).text = content


def value(parent: etree._Element, name: str, content: Value) -> None:
    element = etree.SubElement(parent, name)
    text(element, "code", content.code)
    text(element, "nameRu", content.name_ru)
    text(element, "nameKz", content.name_kz)


def day(parent: etree._Element, name: str, moment: date | None) -> None:
    if moment is not None:
        text(parent, name, moment.isoformat())


def flag(parent: etree._Element, name: str, truth: bool) -> None:
    text(parent, name, "true" if truth else "false")
