"""Qaqpa's gateway: the ShEP channels, the registries, the message log, and the app that serves it all.

The public surface::

    from gateway import Settings, create_app
    app = create_app(Settings(data_dir=Path(".qaqpa")))
"""

from __future__ import annotations

from gateway._version import __version__
from gateway.app import create_app
from gateway.settings import Settings

__all__ = ["Settings", "__version__", "create_app"]
