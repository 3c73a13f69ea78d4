"""The ``qaqpa`` command.

Every command that touches an instance takes ``--data-dir`` (default ``.qaqpa/``) and ``--database-url``, so a
second command finds the database, PKI and population of a running ``qaqpa up``. Settings come from flags,
then ``QAQPA_*`` environment variables, then defaults (gateway/settings.py).
"""

from __future__ import annotations

import click

from gateway._version import __version__
from gateway.cli import clock, contract, exchange, pki, population, serve


@click.group()
@click.version_option(__version__, prog_name="qaqpa")
def main() -> None:
    """Qaqpa: a sandbox of Kazakhstan's e-government gateway (ShEP) with mock state information systems."""


main.add_command(serve.up)
main.add_command(serve.mock)
main.add_command(population.population)
main.add_command(pki.pki)
main.add_command(pki.sign)
main.add_command(pki.verify)
main.add_command(clock.clock)
main.add_command(contract.contract)
main.add_command(exchange.call)
main.add_command(exchange.log)

__all__ = ["main"]
