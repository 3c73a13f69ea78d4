"""The examples in the documentation run as written."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import zeep
from lxml import etree

from mocks.catalogue import SYSTEMS
from tests.support.gateway import LiveGateway, live_gateway
from tests.support.servers import free_port

README = Path(__file__).resolve().parents[2] / "README.md"


def _code_block(markdown: str, after_heading: str, language: str = "python") -> str:
    section = markdown.split(after_heading, 1)[1]
    match = re.search(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert match, f"no {language} example after {after_heading!r}"
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
    code = _code_block(README.read_text(), "## Look a citizen up with zeep")
    code = code.replace("http://127.0.0.1:8080", gateway.base_url)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        _run_example(code, "README.md")
    lines = printed.getvalue().splitlines()
    assert lines == ["SCSS001", "БОРИСОВ ГЕОРГИЙ ВЛАДИСЛАВОВИЧ 1964-10-30"]


def test_the_async_zeep_example_works_as_written(gateway: LiveGateway) -> None:
    code = _code_block((README.parent / "docs" / "async.md").read_text(), "## From Python with zeep")
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
    code = _code_block((README.parent / "docs" / "cases.md").read_text(), "## From Python over REST")
    code = code.replace("http://127.0.0.1:8080", gateway.base_url)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        _run_example(code, "docs/cases.md")
    assert printed.getvalue().splitlines() == ["decided answered", "application/xml True"]


def _run_in_bash(script: str, cwd: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """Run a documented shell block as a reader's terminal would: strict bash, the .venv's ``qaqpa`` first on
    the PATH, no CI job id of the suite's own (the autouse fixture already dropped QAQPA_* variables)."""
    environment = {name: value for name, value in os.environ.items() if name != "CI_JOB_ID"}
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd,
        env={**environment, **variables},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_quickstart_shell_tour_works_as_written(tmp_path: Path) -> None:
    """The tour moves the instance's own clock and breaks its mocks for everyone: it gets an instance of its own,
    and runs in bash as a reader's terminal would, with the .venv's ``qaqpa`` first on the PATH."""
    tour = _code_block((README.parent / "docs" / "quickstart.md").read_text(), "## A tour in the shell", "sh")
    with live_gateway(tmp_path, f"sqlite:///{tmp_path / 'qaqpa.db'}") as instance:
        finished = _run_in_bash(tour, tmp_path, QAQPA_URL=instance.base_url, QAQPA_DATA_DIR=str(tmp_path))
    assert finished.returncode == 0, finished.stdout + finished.stderr
    printed = finished.stdout
    assert "SCSS001" in printed, printed
    assert "ZAGS.Busy" in printed and "provider:ZAGS" in printed and "exit 1" in printed, printed
    assert "recovered" in printed, printed
    assert "expired" in printed.splitlines(), "the case's deadline did not pass on the clock:\n" + printed


def test_the_ci_job_works_as_written(tmp_path: Path) -> None:
    """docs/ci.md's job: ``qaqpa up`` in the background on a port of its own, then the CLI in a test run."""
    port = str(free_port())
    job = _code_block((README.parent / "docs" / "ci.md").read_text(), "## Start it in the job", "sh")
    job = job.replace("127.0.0.1:8080", f"127.0.0.1:{port}").replace("--port 8080", f"--port {port}")
    finished = _run_in_bash(job, tmp_path)
    log = (tmp_path / "qaqpa.log").read_text() if (tmp_path / "qaqpa.log").exists() else ""
    assert finished.returncode == 0, finished.stdout + finished.stderr + log
    assert "SCSS001" in finished.stdout and "failed as asked" in finished.stdout, finished.stdout
    report = etree.parse(str(tmp_path / "contract.xml")).getroot()
    assert report.findall(".//testcase") and not report.findall(".//failure"), etree.tostring(report).decode()
    assert (tmp_path / ".qaqpa" / "qaqpa.db").is_file(), "the job's instance kept its data in the job's directory"


_LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_every_relative_link_in_the_documentation_leads_to_a_file() -> None:
    pages = [README, *sorted((README.parent / "docs").glob("*.md")), README.parent / "bench" / "README.md"]
    broken = []
    for page in pages:
        for target in _LINK.findall(page.read_text(encoding="utf-8")):
            path = target.split("#", 1)[0]
            if path and not re.match(r"[a-z]+:", path) and not (page.parent / path).exists():
                broken.append(f"{page.relative_to(README.parent)}: {target}")
    assert not broken, broken
