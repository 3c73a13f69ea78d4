"""An instance for a test run: the product on its embedded defaults, in a thread of the test process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from gateway.testing._sandbox import Sandbox, on_loop
from gateway.testing._server import BackgroundServer, free_port


@contextmanager
def in_process_instance(data_dir: Path, *, run: str | None = None, **settings: Any) -> Iterator[Sandbox]:
    """``qaqpa up`` on a fresh ``data_dir`` (SQLite, a generated test PKI and population: ``population_size``,
    ``population_seed`` and every other setting may be given), served on a free port until the block ends;
    the sandbox works in test run ``run`` if given."""
    from gateway.app import create_app  # the whole product: imported when an instance is asked for
    from gateway.settings import Settings

    port = settings.pop("port", None) or free_port()
    chosen = Settings(data_dir=data_dir, port=port, **{"population_size": 2000, **settings})
    app = create_app(chosen)
    server = BackgroundServer(app, port=port).start()
    sandbox = Sandbox(server.base_url, in_process=on_loop(app, server.loop), run=run)
    try:
        yield sandbox
    finally:
        sandbox.close()
        server.stop()
