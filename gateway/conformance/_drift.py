"""Where a contract document and what the code declares part ways: JSON pointers, for a message that says what."""

from __future__ import annotations

from typing import Any

_SHOWN = 20


def json_drift(declared: Any, committed: Any, *, path: str = "") -> list[str]:
    """The places where ``declared`` (by the code) and ``committed`` (the contract file) differ, as JSON pointers
    with what differs; empty when they are the same."""
    if isinstance(declared, dict) and isinstance(committed, dict):
        found: list[str] = []
        for key in sorted(set(declared) | set(committed)):
            where = f"{path}/{_escape(str(key))}"
            if key not in committed:
                found.append(f"{where}: only in the code")
            elif key not in declared:
                found.append(f"{where}: only in the contract")
            else:
                found += json_drift(declared[key], committed[key], path=where)
        return found[:_SHOWN]
    if isinstance(declared, list) and isinstance(committed, list) and len(declared) == len(committed):
        found = []
        for index, (mine, theirs) in enumerate(zip(declared, committed, strict=True)):
            found += json_drift(mine, theirs, path=f"{path}/{index}")
        return found[:_SHOWN]
    if declared != committed:
        return [f"{path or '/'}: the code says {_short(declared)}, the contract {_short(committed)}"]
    return []


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
