"""The pytest plugin (entry point ``pytest11: qaqpa``): fixtures for testing a portal against Qaqpa.

========================  ========  ===========================================================================
fixture                   scope     what it is
========================  ========  ===========================================================================
``qaqpa_instance``        session   the instance: in this process on a fresh data directory (a new population
                                    and test CA per run), or the one at ``--qaqpa-url``
``qaqpa``                 function  the same :class:`~gateway.testing.Sandbox`, with the fault rules, journals
                                    and clock put back after the test, so tests do not see each other's
``qaqpa_zeep``            function  a zeep client of the SyncChannel; ``qaqpa_zeep(transport_key=key)`` signs
``qaqpa_respx``           function  a respx router: httpx clients calling ``--qaqpa-respx-url`` reach the
                                    in-process instance without a socket
========================  ========  ===========================================================================

Options (command line, or the ini file without the dashes): ``--qaqpa-url`` (use a running instance),
``--qaqpa-run`` (the test run to work in there; default: a new ``pytest-<random>`` per session, forgotten
at its end, so CI jobs sharing the instance never see each other's faults, journal, clock or cases),
``--qaqpa-population-size`` (default 2000), ``--qaqpa-respx-url`` (default ``https://shep.test/``).
Nothing is imported from Qaqpa until a fixture is used, so the plugin costs nothing to suites that do not.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import respx
    import zeep

    from gateway.testing import Sandbox
    from signing.xmldsig import SigningKey

_OPTIONS = (
    ("qaqpa_url", "A running Qaqpa to test against instead of one in this process", None),
    ("qaqpa_run", "The test run to work in on a shared instance (X-Qaqpa-Run)", "pytest-<random> with --qaqpa-url"),
    ("qaqpa_population_size", "Citizens generated for the in-process instance", "2000"),
    ("qaqpa_respx_url", "The base URL the qaqpa_respx router serves the instance at", "https://shep.test/"),
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("qaqpa", "Qaqpa, the ShEP sandbox")
    for name, help_text, default in _OPTIONS:
        group.addoption(f"--{name.replace('_', '-')}", dest=name, default=None, help=f"{help_text} [{default}]")
        parser.addini(name, help_text, default=default)


def _option(config: pytest.Config, name: str) -> str | None:
    given = config.getoption(name)
    if given is None:
        given = config.getini(name)
    return str(given) if given else None


@pytest.fixture(scope="session")
def qaqpa_instance(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    from gateway.testing import Sandbox, in_process_instance

    url = _option(request.config, "qaqpa_url")
    run = request.config.getoption("qaqpa_run") or None  # the ini default only documents the generated one
    if url:
        own_run = run is None
        shared = Sandbox(url, run=run or f"pytest-{uuid.uuid4().hex[:12]}")
        yield shared
        if own_run:
            shared.forget_run()
        shared.close()
        return
    size = int(_option(request.config, "qaqpa_population_size") or 2000)
    with in_process_instance(tmp_path_factory.mktemp("qaqpa"), population_size=size, run=run) as sandbox:
        yield sandbox


@pytest.fixture
def qaqpa(qaqpa_instance: Sandbox) -> Iterator[Sandbox]:
    yield qaqpa_instance
    qaqpa_instance.reset()


@pytest.fixture
def qaqpa_zeep(qaqpa: Sandbox) -> Iterator[Callable[..., zeep.Client]]:
    with ExitStack() as stack:

        def make(*, transport_key: SigningKey | None = None, fault: str | None = None) -> zeep.Client:
            return stack.enter_context(qaqpa.zeep_client(transport_key=transport_key, fault=fault))

        yield make


@pytest.fixture
def qaqpa_respx(request: pytest.FixtureRequest, qaqpa: Sandbox) -> Iterator[respx.MockRouter]:
    base_url = _option(request.config, "qaqpa_respx_url") or "https://shep.test/"
    with qaqpa.respx_router(base_url) as router:
        yield router


def pytest_report_header(config: pytest.Config) -> list[str] | None:
    url = _option(config, "qaqpa_url")
    run = config.getoption("qaqpa_run")
    return [f"qaqpa: against {url}" + (f" in run {run}" if run else " in a run of its own")] if url else None
