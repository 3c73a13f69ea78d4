"""The web console at ``/console``: the message log, exchanges, chains, cases, systems and the clock.

Server-rendered (Jinja2 templates, a stylesheet, no script) on the gateway's own runtime: ``_routes`` holds
the pages, ``_views`` what they show, ``_sequence`` the SVG sequence diagrams and ``_app`` the sign-in, the
test-run cookie and the error pages. docs/console.md is the guide.
"""

from starlette.types import ASGIApp

from gateway.console._app import PREFIX, console_app
from gateway.console._routes import router
from gateway.runtime import Runtime


def create_console(runtime: Runtime) -> ASGIApp:
    """The console for ``runtime``, to mount at :data:`PREFIX`."""
    return console_app(runtime, router)


__all__ = ["PREFIX", "create_console"]
