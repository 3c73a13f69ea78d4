"""The two funds fed from wages: БЖЗҚ / ЕНПФ (mandatory pension contributions, regulations 1, 8, 17) and
МӘСҚ / ГФСС (social contributions, regulations 5, 18).

Histories are not stored month by month: they follow from the jobs the population holds (employer, salary,
dates), month by month, with the rates of the Social Code as simplified here: pension contributions 10 % of
salary, capped at 50 minimum wages; social contributions 3.5 % (5 % from 2024) of salary less the pension
contribution, between 1 and 7 minimum wages. The minimum wage is taken as 85,000 tenge throughout.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, Literal

from lxml import etree

from contracts.shep import RequestInfo
from mocks.answers import day, text
from mocks.population.tables import employments
from mocks.systems import dictionaries as d
from mocks.systems._registry import Registry

MINIMUM_WAGE = 85_000
Fund = Literal["pension", "social"]


def months(start: date, end: date) -> Iterator[date]:
    current = start.replace(day=1)
    while current <= end:
        yield current
        current = current.replace(year=current.year + current.month // 12, month=current.month % 12 + 1)


def pension_contribution(salary: int) -> Decimal:
    return (Decimal(min(salary, 50 * MINIMUM_WAGE)) * Decimal("0.10")).quantize(Decimal("0.01"))


def social_contribution(salary: int, month: date) -> Decimal:
    rate = Decimal("0.05") if month.year >= 2024 else Decimal("0.035")
    base = min(max(Decimal(salary) - pension_contribution(salary), Decimal(MINIMUM_WAGE)), Decimal(7 * MINIMUM_WAGE))
    return (base * rate).quantize(Decimal("0.01"))


class ContributionsFund(Registry):
    """One fund's statement of contributions for a period (default: the last twelve months)."""

    fund: Fund = "pension"

    async def contributions(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        refused = self.refusal(request)
        if refused is not None:
            return refused
        today = self.today()
        start = _date(request, "periodFrom") or today.replace(year=today.year - 1, day=min(today.day, 28))
        end = _date(request, "periodTo") or today
        if end < start:
            return self.answer(request, d.RESULT_INVALID_PARAMETERS)
        jobs = await self.store.rows(employments, request.findtext("iin") or "")
        entries = sorted(self._entries(jobs, start, min(end, today)), key=lambda entry: entry[0])
        if not entries:
            return self.answer(request, d.RESULT_NO_DATA)
        response = self.answer(request, d.RESULT_OK)
        text(response, "total", str(sum((amount for _, amount, _ in entries), Decimal(0))))
        holder = etree.SubElement(response, "contributions")
        for month, amount, job in entries:
            record = etree.SubElement(holder, "contribution")
            day(record, "period", month)
            text(record, "amount", str(amount))
            text(record, "agentBin", job["employer_bin"])
            text(record, "agentName", job["employer_name"])
        return response

    def _entries(
        self, jobs: list[dict[str, Any]], start: date, end: date
    ) -> Iterator[tuple[date, Decimal, dict[str, Any]]]:
        for job in jobs:
            first = max(job["started_on"], start)
            last = min(job["ended_on"] or end, end)
            for month in months(first, last):
                salary = job["monthly_salary"]
                amount = pension_contribution(salary) if self.fund == "pension" else social_contribution(salary, month)
                yield month, amount, job


class PensionFund(ContributionsFund):
    serves: ClassVar[dict[str, str]] = {"ENPF_PensionContributions": "contributions"}

    fund: Fund = "pension"


class SocialInsuranceFund(ContributionsFund):
    serves: ClassVar[dict[str, str]] = {"GFSS_SocialContributions": "contributions"}

    fund: Fund = "social"


def _date(request: etree._Element, name: str) -> date | None:
    content = (request.findtext(name) or "").strip()
    return date.fromisoformat(content[:10]) if content else None
