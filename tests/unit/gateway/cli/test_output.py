"""The one table every ``qaqpa`` listing prints, and the progress commands report on stderr."""

from __future__ import annotations

import pytest

from gateway.cli._output import progress, table


def test_a_table_aligns_its_columns_under_a_header() -> None:
    text = table([("zags", "Civil registry"), ("gbdfl", "Individuals DB")], ("name", "title"))
    assert text.splitlines() == [
        "name   title",
        "zags   Civil registry",
        "gbdfl  Individuals DB",
    ]


def test_a_cell_of_several_lines_continues_under_itself() -> None:
    text = table([("FAIL", "payload", "does not match:\n line 2: bad"), ("PASS", "answer", "ok")], ("ok", "check", "x"))
    assert text.splitlines() == [
        "ok    check    x",
        "FAIL  payload  does not match:",
        "                line 2: bad",
        "PASS  answer   ok",
    ]


def test_rows_without_the_header_keep_its_widths() -> None:
    assert table([("a", "b")], ("first", "second"), header=False) == "a      b"
    assert table([], ("first", "second")) == "first  second"


def test_progress_off_a_terminal_is_a_line_a_tenth(capsys: pytest.CaptureFixture[str]) -> None:
    report = progress("Generating the population")
    for done in range(0, 1001, 50):
        report(done, 1000)
    captured = capsys.readouterr()
    assert captured.out == "", "stdout stays machine-readable"
    lines = captured.err.splitlines()
    assert lines[0] == "Generating the population: 0/1000 (0%)"
    assert lines[-1] == "Generating the population: 1000/1000 (100%)"
    assert len(lines) == 11
