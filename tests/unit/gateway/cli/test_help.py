"""Every ``qaqpa`` command and subcommand explains itself: ``--help`` works and the listing of its group shows
a summary that fits, and every option says what it is for."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from gateway.cli import main

# The listing's room for a summary in an 80-column terminal, less the longest command name: beyond it, click
# cuts the summary with "...".
_SUMMARY_ROOM = 60


def _commands(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(main))


def test_the_tree_holds_every_command() -> None:
    paths = {" ".join(path) for path, _ in COMMANDS}
    assert {
        "up",
        "mock",
        "call",
        "log",
        "sign",
        "verify",
        "pki issue",
        "clock show",
        "contract check",
        "fault add",
    } <= paths
    assert len(paths) == 30  # qaqpa itself, 11 commands, 18 subcommands


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(path) or "qaqpa" for path, _ in COMMANDS])
def test_help_exits_0_with_a_summary(path: tuple[str, ...], command: click.Command) -> None:
    result = CliRunner().invoke(main, [*path, "--help"], prog_name="qaqpa")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: qaqpa {' '.join(path)}".rstrip())
    summary = command.get_short_help_str(limit=_SUMMARY_ROOM)
    assert summary, f"`qaqpa {' '.join(path)}` has no help: give it a docstring"
    assert not summary.endswith("..."), f"{summary!r}: make the first sentence short enough for the listing"
    assert summary in " ".join(result.output.split())


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(path) or "qaqpa" for path, _ in COMMANDS])
def test_every_option_says_what_it_is_for(path: tuple[str, ...], command: click.Command) -> None:
    silent = [param.opts[0] for param in command.params if isinstance(param, click.Option) and not param.help]
    assert not silent, f"`qaqpa {' '.join(path)}`: options without help: {silent}"
