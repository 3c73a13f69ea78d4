"""IIN and BIN: Kazakhstan's 12-digit individual and business identification numbers.

Structure and check digit as in shared/notes/signing-kz-pki-xmldsig.md §1.8:

- IIN = ``YYMMDD`` (birth date) + ``C`` (century and sex: 1/2 → 1800s, 3/4 → 1900s, 5/6 → 2000s; odd male,
  even female) + ``NNNN`` (serial) + ``K`` (check digit);
- BIN = ``YYMM`` + ``T`` (4 resident legal entity, 5 non-resident, 6 sole trader) + ``A`` + ``NNNNN`` + ``K``;
- K = Σ dᵢ·i (i = 1…11) mod 11; if that is 10, a second pass with weights 3…11, 1, 2; if that is 10 too,
  the number is never issued (it is *not* "0").
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final, Literal

Sex = Literal["M", "F"]

_FIRST_WEIGHTS: Final = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_SECOND_WEIGHTS: Final = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_TWELVE_DIGITS: Final = re.compile(r"\d{12}")
_CENTURY_BASE: Final = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def check_digit(first_eleven: str) -> int | None:
    """The 12th digit for these 11 digits, or None when no valid number starts with them."""
    digits = [int(ch) for ch in first_eleven]
    value = sum(d * w for d, w in zip(digits, _FIRST_WEIGHTS, strict=True)) % 11
    if value == 10:
        value = sum(d * w for d, w in zip(digits, _SECOND_WEIGHTS, strict=True)) % 11
    return None if value == 10 else value


def has_valid_check_digit(number: str) -> bool:
    """True for 12 digits whose last digit is the check digit of the first eleven (IIN and BIN alike)."""
    if not _TWELVE_DIGITS.fullmatch(number):
        return False
    return check_digit(number[:11]) == int(number[11])


def century_sex_digit(birth_date: date, sex: Sex) -> int:
    century = birth_date.year // 100
    if century not in (18, 19, 20):
        raise ValueError(f"no IIN century digit for the year {birth_date.year}")
    return (century - 18) * 2 + (1 if sex == "M" else 2)


def make_iin(birth_date: date, sex: Sex, serial: int) -> str | None:
    """The IIN for a birth date, sex and 4-digit serial, or None if that serial gives no valid check digit."""
    if not 0 <= serial <= 9999:
        raise ValueError("the IIN serial has four digits")
    prefix = f"{birth_date:%y%m%d}{century_sex_digit(birth_date, sex)}{serial:04d}"
    digit = check_digit(prefix)
    return None if digit is None else f"{prefix}{digit}"


def iin_birth_date(iin: str) -> date | None:
    """The birth date an IIN encodes, or None if its date or century digit is impossible."""
    if not _TWELVE_DIGITS.fullmatch(iin):
        return None
    base = _CENTURY_BASE.get(int(iin[6]))
    if base is None:
        return None
    try:
        return date(base + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def iin_sex(iin: str) -> Sex | None:
    if not _TWELVE_DIGITS.fullmatch(iin) or int(iin[6]) not in _CENTURY_BASE:
        return None
    return "M" if int(iin[6]) % 2 == 1 else "F"


def iin_problem(iin: str) -> str | None:
    """Why ``iin`` is not a valid IIN, in words, or None if it is one."""
    if not _TWELVE_DIGITS.fullmatch(iin):
        return "an IIN is exactly 12 digits"
    if int(iin[6]) not in _CENTURY_BASE:
        return f"the 7th digit ({iin[6]}) must be 1-6 (century and sex)"
    if iin_birth_date(iin) is None:
        return f"the first six digits ({iin[:6]}) are not a calendar date"
    if not has_valid_check_digit(iin):
        expected = check_digit(iin[:11])
        if expected is None:
            return "no valid IIN starts with these 11 digits"
        return f"the check digit is {iin[11]}, expected {expected}"
    return None


def is_valid_iin(iin: str) -> bool:
    return iin_problem(iin) is None


def make_bin(registered: date, serial: int, *, kind: int = 4, division: int = 0) -> str | None:
    """The BIN for a registration month, entity kind (4 resident, 5 non-resident, 6 sole trader), division and
    5-digit serial, or None if that serial gives no valid check digit."""
    if not 0 <= serial <= 99999:
        raise ValueError("the BIN serial has five digits")
    prefix = f"{registered:%y%m}{kind}{division}{serial:05d}"
    digit = check_digit(prefix)
    return None if digit is None else f"{prefix}{digit}"


def bin_problem(bin_: str) -> str | None:
    """Why ``bin_`` is not a valid BIN, in words, or None if it is one."""
    if not _TWELVE_DIGITS.fullmatch(bin_):
        return "a BIN is exactly 12 digits"
    if not 1 <= int(bin_[2:4]) <= 12:
        return f"digits 3-4 ({bin_[2:4]}) must be a month"
    if bin_[4] not in "456":
        return f"the 5th digit ({bin_[4]}) must be 4, 5 or 6 (entity type)"
    if not has_valid_check_digit(bin_):
        return "the check digit does not match"
    return None


def is_valid_bin(bin_: str) -> bool:
    return bin_problem(bin_) is None
