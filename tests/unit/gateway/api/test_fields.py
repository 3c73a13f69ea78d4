"""Request fields take what their JSON Schema says: no coercion of numbers, strings or booleans into one another."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from gateway.api.fields import Day, Flag, Instant, Number, Whole


@pytest.mark.parametrize(
    ("kind", "taken", "refused"),
    [
        (Flag, [True, False], [0, 1, "true", "yes", None]),
        (Whole, [0, 7, -3], ["7", 7.0, 7.5, True]),
        (Number, [0.5, 2, -1.25], ["0.5", True, None]),
        (
            Instant,
            ["2026-12-01T09:00:00+05:00", "2026-12-01T04:00:00Z"],
            [1764561600, "1764561600", "1 Dec 2026", True],
        ),
        (Day, ["2026-12-01"], [20261201, "20261301", "1 Dec 2026", "2026-12-01T09:00:00"]),
    ],
)
def test_each_kind_takes_its_json_and_refuses_what_lax_pydantic_would_coerce(
    kind: Any, taken: list[object], refused: list[object]
) -> None:
    adapter = TypeAdapter(kind)
    for value in taken:
        adapter.validate_python(value)
    for value in refused:
        with pytest.raises(ValidationError):
            adapter.validate_python(value)


def test_texts_are_read_as_iso_8601() -> None:
    zone = timezone(timedelta(hours=5))
    assert TypeAdapter(Instant).validate_python("2026-12-01T09:00:00+05:00") == datetime(2026, 12, 1, 9, tzinfo=zone)
    assert TypeAdapter(Instant).validate_python("2026-12-01T04:00:00Z") == datetime(2026, 12, 1, 4, tzinfo=UTC)
    assert TypeAdapter(Day).validate_python("2026-12-01") == date(2026, 12, 1)


def test_the_json_schema_is_the_plain_types() -> None:
    assert TypeAdapter(Instant).json_schema() == {"type": "string", "format": "date-time"}
    assert TypeAdapter(Day).json_schema() == {"type": "string", "format": "date"}
    assert TypeAdapter(Flag).json_schema() == {"type": "boolean"}
