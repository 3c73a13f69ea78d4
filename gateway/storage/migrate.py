"""Bring a database to the newest schema of every package (``alembic upgrade heads``)."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

import mocks

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_LOCATIONS = (MIGRATIONS / "versions", Path(mocks.__file__).resolve().parent / "migrations" / "versions")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(str(path) for path in VERSION_LOCATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
