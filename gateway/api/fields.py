"""Types of request fields that take what their JSON Schema says, and nothing pydantic would coerce into it.

In lax mode pydantic takes ``0`` and ``"yes"`` for a boolean, ``"3"`` and ``3.0`` for an integer, and a number of
seconds for a date-time. A tool that teaches clients a contract must refuse what the contract refuses, so request
bodies and query parameters use these instead (schemathesis's ``negative_data_rejection`` check holds the REST
API to it: tests/integration/test_schemathesis.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, TypeVar

from pydantic import BeforeValidator, StrictBool, StrictFloat, StrictInt

T = TypeVar("T", date, datetime)

Flag = StrictBool
"""``true`` or ``false``."""

Whole = StrictInt
"""A JSON integer, not a string of digits or a float."""

Number = StrictFloat
"""A JSON number, not a string of digits."""


def _iso_8601(parse: Callable[[str], T], example: str) -> Callable[[object], object]:
    def text_only(value: object) -> object:
        if isinstance(value, str):
            try:
                return parse(value)
            except ValueError:
                pass
        elif isinstance(value, date):  # already parsed (a default, a call from Python)
            return value
        raise ValueError(f"an ISO 8601 text is needed, such as {example}")

    return text_only


Instant = Annotated[datetime, BeforeValidator(_iso_8601(datetime.fromisoformat, "2026-12-01T09:00:00+05:00"))]
"""An ISO 8601 date-time text, not a number of seconds."""

Day = Annotated[date, BeforeValidator(_iso_8601(date.fromisoformat, "2026-12-01"))]
"""An ISO 8601 date text (``YYYY-MM-DD``), not a number."""
