"""Kazakh identity numbers and XML signatures (the signature work arrives with issue #3)."""

from __future__ import annotations

from signing.iin import (
    Sex,
    bin_problem,
    check_digit,
    has_valid_check_digit,
    iin_birth_date,
    iin_problem,
    iin_sex,
    is_valid_bin,
    is_valid_iin,
    make_iin,
)

__all__ = [
    "Sex",
    "bin_problem",
    "check_digit",
    "has_valid_check_digit",
    "iin_birth_date",
    "iin_problem",
    "iin_sex",
    "is_valid_bin",
    "is_valid_iin",
    "make_iin",
]
