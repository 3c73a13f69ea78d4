"""Where money is concerned: Е-Макет (the benefits already assigned: the duplicate check every intake starts
with, e.g. regulation 7, shared/seeds/000_35060450d94081fb.txt L4781-4785), ЭҮТШ (the payment gateway that
confirms a bank account with the banks and Kazpost, regulation 2, L1265-1274) and the SMS service (the
notifications of regulations 14-16 and the proactive flow of Order No. 225)."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from lxml import etree

from contracts.shep import RequestInfo
from mocks.answers import day, flag, text, value
from mocks.gbdfl.dictionaries import Value
from mocks.population.tables import bank_accounts, benefits
from mocks.systems import dictionaries as d
from mocks.systems._registry import Records, Registry, active


class BenefitsRegistry(Registry):
    serves: ClassVar[dict[str, str]] = {"EMAKET_AssignedBenefits": "assigned_benefits"}

    async def assigned_benefits(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        today = self.today()

        def benefit(record: etree._Element, row: dict[str, Any], _: dict[str, dict[str, Any]]) -> None:
            value(record, "kind", d.BENEFIT_KINDS.get(row["kind"], Value(row["kind"], row["kind"], row["kind"])))
            day(record, "assignedOn", row["assigned_on"])
            day(record, "endedOn", row["ended_on"])
            flag(record, "active", active(row["assigned_on"], row["ended_on"], today))
            text(record, "monthlyAmount", str(row["monthly_amount"]))
            text(record, "decisionNumber", row["decision_number"])

        return await self.listing(request, Records(benefits, "benefits", "benefit", benefit))


class PaymentGateway(Registry):
    serves: ClassVar[dict[str, str]] = {"EPAY_BankAccountCheck": "check_account"}

    async def check_account(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        refused = self.refusal(request)
        if refused is not None:
            return refused
        iban = (request.findtext("iban") or "").strip().upper()
        rows = await self.store.rows(bank_accounts, iban, "iban")
        if not rows:
            return self.answer(request, d.RESULT_NO_DATA)
        row = rows[-1]
        holder_matches = row["iin"] == (request.findtext("iin") or "").strip()
        is_open = row["closed_on"] is None or row["closed_on"] > self.today()
        response = self.answer(request, d.RESULT_OK)
        account = etree.SubElement(response, "account")
        text(account, "iban", row["iban"])
        value(account, "bank", d.BANKS[row["bank_code"]])
        flag(account, "holderMatches", holder_matches)
        flag(account, "open", is_open)
        flag(account, "confirmed", holder_matches and is_open)
        return response


class SmsService(Registry):
    serves: ClassVar[dict[str, str]] = {"SMS_Send": "send"}

    async def send(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        refused = self.refusal(request)
        if refused is not None:
            return refused
        iin = (request.findtext("iin") or "").strip()
        people = await self.store.people({iin})
        registered = people[iin]["phone"] if iin in people else None
        phone = (request.findtext("phone") or "").strip() or registered
        if phone is None:
            return self.answer(request, d.RESULT_NO_DATA)
        response = self.answer(request, d.RESULT_OK)
        sms = etree.SubElement(response, "sms")
        text(sms, "smsId", str(uuid.uuid4()))
        text(sms, "phone", phone)
        value(sms, "status", d.SMS_DELIVERED if phone == registered else d.SMS_UNDELIVERABLE)
        return response
