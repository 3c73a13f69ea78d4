from __future__ import annotations

from datetime import date

import pytest

from signing.iin import (
    bin_problem,
    check_digit,
    iin_birth_date,
    iin_problem,
    iin_sex,
    is_valid_bin,
    is_valid_iin,
    make_iin,
)


def test_known_numbers() -> None:
    # From shared/notes/signing-kz-pki-xmldsig.md §1.8. The note also calls 850808310733 valid, but the
    # arithmetic disagrees: Σ d·i = 230 ≡ 10, the second pass gives 8, so its check digit is 8.
    assert is_valid_iin("061211600012")
    assert is_valid_iin("850808310738")
    assert iin_problem("850808310733") == "the check digit is 3, expected 8"
    assert iin_problem("123456789011") == "the 7th digit (7) must be 1-6 (century and sex)"
    assert is_valid_bin("940140000385") and is_valid_bin("990140004654")


def test_the_second_pass_and_unassignable_prefixes() -> None:
    assert check_digit("06121160001") == 2  # the first pass gives 10
    unassignable = next(f"{n:011d}" for n in range(10**6) if check_digit(f"{n:011d}") is None)
    assert all(not is_valid_iin(unassignable + str(d)) for d in range(10))


@pytest.mark.parametrize(
    ("born", "sex", "digit"),
    [
        (date(1899, 12, 31), "M", "1"),
        (date(1950, 5, 5), "F", "4"),
        (date(2001, 1, 1), "M", "5"),
        (date(2024, 2, 29), "F", "6"),
    ],
)
def test_make_iin_encodes_date_century_and_sex(born: date, sex: str, digit: str) -> None:
    iin = next(i for s in range(100) if (i := make_iin(born, sex, s)) is not None)  # type: ignore[arg-type]
    assert iin[6] == digit
    assert iin_birth_date(iin) == born and iin_sex(iin) == sex and is_valid_iin(iin)


@pytest.mark.parametrize(
    ("iin", "reason"),
    [
        ("12345", "exactly 12 digits"),
        ("85080831073X", "exactly 12 digits"),
        ("851308310733", "calendar date"),
        ("850808910733", "7th digit"),
    ],
)
def test_problems_are_named(iin: str, reason: str) -> None:
    problem = iin_problem(iin)
    assert problem is not None and reason in problem


def test_bin_rules() -> None:
    assert bin_problem("941340000385") is not None  # month 13
    assert "5th digit" in (bin_problem("940110000385") or "")
