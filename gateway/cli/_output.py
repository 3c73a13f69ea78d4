"""How ``qaqpa`` commands print: lists as aligned tables on stdout, progress on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click


def table(rows: Iterable[Sequence[str]], columns: Sequence[str], *, header: bool = True) -> str:
    """``rows`` in columns as wide as their widest cell, under a header line of ``columns``.

    A cell of several lines continues under itself, the row's other cells blank, so a long detail stays in
    its column. Without ``header`` the widths still count the column names: rows printed later (``log -f``)
    line up with the header printed first as far as their cells allow.
    """
    lines = [list(columns)] if header else []
    for row in rows:
        cells = [cell.splitlines() or [""] for cell in row]
        depth = max(len(cell) for cell in cells)
        lines += [[cell[i] if i < len(cell) else "" for cell in cells] for i in range(depth)]
    widths = [max([len(column)] + [len(line[i]) for line in lines]) for i, column in enumerate(columns)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines
    )


def progress(label: str) -> Callable[[int, int], None]:
    """Progress on stderr, shown once there is work to count: a bar on a terminal; elsewhere (CI logs, pipes)
    a line at each tenth, since a redrawn bar there is one line of garbage or nothing at all."""
    if sys.stderr.isatty():
        return _bar(label)
    shown = -1

    def line(done: int, total: int) -> None:
        nonlocal shown
        tenth = 10 * done // total if total else 10
        if tenth > shown:
            shown = tenth
            click.echo(f"{label}: {done}/{total} ({10 * tenth}%)", err=True)

    return line


def _bar(label: str) -> Callable[[int, int], None]:
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            bar = state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    return update
