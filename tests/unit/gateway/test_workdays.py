"""Working-day arithmetic against the official Kazakh calendar of 2025 (government decrees on days off)."""

from __future__ import annotations

from datetime import date

import pytest

from gateway.workdays import add_working_days, holiday_name, is_working_day, working_days_between


def test_new_year_moves_a_sunday_to_friday_3_january_2025() -> None:
    # 1-2 January are holidays; the day off of Sunday 5 January was moved to Friday 3 January.
    assert [is_working_day(date(2025, 1, day)) for day in range(1, 7)] == [False, False, False, False, True, True]
    assert add_working_days(date(2024, 12, 31), 1) == date(2025, 1, 5)
    assert add_working_days(date(2024, 12, 31), 2) == date(2025, 1, 6)
    assert not is_working_day(date(2025, 1, 7)), "Orthodox Christmas"


def test_nauryz_2025_runs_from_21_to_25_march() -> None:
    # 21-23 March are Nauryz; 22-23 fall on the weekend and move to Monday 24 and Tuesday 25.
    assert not any(is_working_day(date(2025, 3, day)) for day in range(21, 26))
    assert add_working_days(date(2025, 3, 20), 1) == date(2025, 3, 26)
    assert working_days_between(date(2025, 3, 20), date(2025, 3, 31)) == 4


def test_kurban_ait_the_movable_feast_was_friday_6_june_2025() -> None:
    assert holiday_name(date(2025, 6, 6)) is not None and not is_working_day(date(2025, 6, 6))
    assert add_working_days(date(2025, 6, 5), 1) == date(2025, 6, 9)
    assert holiday_name(date(2025, 6, 5)) is None


def test_a_step_of_five_working_days_across_a_plain_week() -> None:
    assert add_working_days(date(2025, 11, 21), 5) == date(2025, 11, 28)  # Friday to Friday
    assert add_working_days(date(2025, 11, 21), 0) == date(2025, 11, 21)
    assert working_days_between(date(2025, 11, 28), date(2025, 11, 21)) == 0
    with pytest.raises(ValueError):
        add_working_days(date(2025, 11, 21), -1)
