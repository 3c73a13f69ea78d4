"""The examples in the documentation run as written."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import httpx
import zeep

from mocks.catalogue import SYSTEMS
from tests.support.gateway import LiveGateway

README = Path(__file__).resolve().parents[2] / "README.md"


def _python_block(markdown: str, after_heading: str) -> str:
    section = markdown.split(after_heading, 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, f"no python example after {after_heading!r}"
    return match.group(1)


def _run_example(code: str, filename: str) -> None:
    """Runs an example as a reader would, then closes the clients it left open (a reader's process would end)."""
    namespace: dict[str, object] = {}
    try:
        exec(compile(code, filename, "exec"), namespace)
    finally:
        for value in namespace.values():
            if isinstance(value, httpx.Client):
                value.close()
            elif isinstance(value, zeep.Client):
                value.transport.session.close()


def test_the_readme_zeep_example_works_as_written(gateway: LiveGateway) -> None:
    code = _python_block(README.read_text(), "## Look a citizen up with zeep")
    code = code.replace("http://127.0.0.1:8080", gateway.base_url)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        _run_example(code, "README.md")
    lines = printed.getvalue().splitlines()
    assert lines == ["SCSS001", "БОРИСОВ ГЕОРГИЙ ВЛАДИСЛАВОВИЧ 1964-10-30"]


def test_the_async_zeep_example_works_as_written(gateway: LiveGateway) -> None:
    code = _python_block((README.parent / "docs" / "async.md").read_text(), "## From Python with zeep")
    code = code.replace("http://127.0.0.1:8080", gateway.base_url)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        _run_example(code, "docs/async.md")
    assert printed.getvalue().splitlines() == ["RESPONSE БОРИСОВ 1964-10-30"]


def test_every_service_is_documented() -> None:
    services_md = (README.parent / "docs" / "services.md").read_text(encoding="utf-8")
    undocumented = [
        s.service_id for system in SYSTEMS for s in system.services if f"`{s.service_id}`" not in services_md
    ]
    assert not undocumented, f"docs/services.md does not describe {undocumented}"


def test_the_cases_example_works_as_written(gateway: LiveGateway) -> None:
    code = _python_block((README.parent / "docs" / "cases.md").read_text(), "## From Python over REST")
    code = code.replace("http://127.0.0.1:8080", gateway.base_url)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        _run_example(code, "docs/cases.md")
    assert printed.getvalue().splitlines() == ["decided answered", "application/xml True"]
