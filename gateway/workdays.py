"""Working days on the Kazakh calendar: the unit in which the orders count every staff step.

Public holidays, the days off they move to (a holiday on a weekend moves to the next working day), the
weekend days the government decrees as working days in exchange, and the movable feast Kurban Ait come
from the maintained ``holidays`` library (country ``KZ``). Kurban Ait follows the Islamic calendar: for
years the government has not yet decreed, the library's date is marked "estimated" and may be a day off.

The orders count staff steps in working days ("екі жұмыс күні ішінде", two working days, Order 407,
regulation 1, step 1: shared/notes/regulations-1-4.md line 139; "5 working days from the day the e-case
file reaches the provider", line 144). :func:`add_working_days` counts from the day after the event, which
does not count itself.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays


@functools.cache
def _calendar(year: int) -> holidays.HolidayBase:
    # One year at a time, cached: the library computes a year's holidays on first use.
    return holidays.country_holidays("KZ", years=year)


def is_working_day(day: date) -> bool:
    """Not a weekend (unless decreed a working day), not a holiday, not a day off moved from one."""
    return bool(_calendar(day.year).is_working_day(day))


def holiday_name(day: date) -> str | None:
    """The holiday or moved day off on ``day``, in the library's English names; None for other days."""
    name = _calendar(day.year).get(day)
    return str(name) if name is not None else None


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself does not count); ``count`` ≥ 0."""
    if count < 0:
        raise ValueError("count: 0 or more working days")
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after ``start``)."""
    days = (end - start).days
    return sum(1 for offset in range(1, days + 1) if is_working_day(start + timedelta(days=offset)))
