"""Qaqpa in a test suite: a pytest plugin (``pytest11`` entry point ``qaqpa``) and what its fixtures hand out.

A portal's tests get a whole instance — the gateway and every mock, a fresh population, a test CA — in their
own process, or a shared one (``--qaqpa-url``), through :class:`Sandbox`: signed requests, zeep clients,
fault rules, the virtual clock, journal assertions, and a respx router that serves httpx clients without a
socket. docs/pytest-plugin.md is the guide; :mod:`gateway.testing.plugin` lists the fixtures.
"""

from gateway.testing._sandbox import DEMO_SENDER, Sandbox
from gateway.testing._server import BackgroundServer, free_port
from gateway.testing.instance import in_process_instance

__all__ = ["DEMO_SENDER", "BackgroundServer", "Sandbox", "free_port", "in_process_instance"]
