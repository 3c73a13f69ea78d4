"""The ``qaqpa`` command.

Every command that touches an instance takes ``--data-dir`` (default ``.qaqpa/``) and ``--database-url``, so a
second command finds the database, PKI and population of a running ``qaqpa up``. Settings come from flags,
then ``QAQPA_*`` environment variables, then defaults (gateway/settings.py).
"""

from __future__ import annotations

import click

from gateway._version import __version__
from gateway.cli import clock, contract, exchange, fault, pki, population, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qaqpa")
def main() -> None:
    """Qaqpa: a sandbox of Kazakhstan's e-government gateway.

    The gateway and mock state information systems sharing one synthetic population. Commands that read an
    instance's data take --data-dir (default .qaqpa/) and --database-url, so they find what a running
    `qaqpa up` uses; `call`, `log` and `fault` talk to it over HTTP (--url). Lists print as tables on stdout,
    progress goes to stderr.

    \b
    qaqpa up                                      # gateway and mocks on http://127.0.0.1:8080
    qaqpa population sample --where deceased      # test citizens
    qaqpa call GBDFL_UniversalServiceSync --set iin=641030320925
    qaqpa fault add zags soap-fault --times 2     # the civil registry fails twice
    qaqpa clock advance 31m                       # see a deadline pass
    """


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
main.add_command(fault.fault)

__all__ = ["main"]
