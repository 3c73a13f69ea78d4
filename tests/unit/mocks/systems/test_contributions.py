from __future__ import annotations

from datetime import date
from decimal import Decimal

from mocks.systems.contributions import MINIMUM_WAGE, months, pension_contribution, social_contribution


def test_months_run_from_the_first_month_to_the_last_across_a_new_year() -> None:
    assert list(months(date(2024, 11, 15), date(2025, 2, 1))) == [
        date(2024, 11, 1),
        date(2024, 12, 1),
        date(2025, 1, 1),
        date(2025, 2, 1),
    ]
    assert list(months(date(2025, 3, 2), date(2025, 2, 28))) == []


def test_pension_contributions_are_a_tenth_of_salary_up_to_fifty_minimum_wages() -> None:
    assert pension_contribution(300_000) == Decimal("30000.00")
    assert pension_contribution(100 * MINIMUM_WAGE) == Decimal(5 * MINIMUM_WAGE)


def test_social_contributions_change_rate_in_2024_and_keep_to_their_floor_and_ceiling() -> None:
    assert social_contribution(300_000, date(2023, 12, 1)) == Decimal("9450.00")  # 3.5 % of 270,000
    assert social_contribution(300_000, date(2024, 1, 1)) == Decimal("13500.00")  # 5 % of 270,000
    assert social_contribution(10_000, date(2025, 1, 1)) == Decimal(MINIMUM_WAGE) * Decimal("0.05")
    assert social_contribution(10_000_000, date(2025, 1, 1)) == Decimal(7 * MINIMUM_WAGE) * Decimal("0.05")
