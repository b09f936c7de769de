"""Issue 11 #15: the README documents every flag of both command lines.

Walks the real argparse parsers, subcommands included, so a flag added later without a line in
the README fails here. A subcommand's flag must sit on a README line that also names the
subcommand (its row of the command table)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def _options(
    parser: argparse.ArgumentParser, commands: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], str]]:
    """(the subcommand path, an option string) for every documented option."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*commands, name), ""
                yield from _options(sub, (*commands, name))
        elif action.help is not argparse.SUPPRESS:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    yield commands, option


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])")


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    from county.__main__ import _parser as county_parser
    from kiosk.__main__ import _parser as kiosk_parser

    return [("redhome-kiosk", kiosk_parser()), ("redhome-county", county_parser())]


def _cases() -> list[tuple[str, tuple[str, ...], str]]:
    return [
        (program, commands, option)
        for program, parser in _parsers()
        for commands, option in _options(parser)
    ]


@pytest.mark.parametrize(
    ("program", "commands", "option"),
    _cases(),
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else str(value),
)
def test_every_flag_and_command_is_in_the_readme(program, commands, option) -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    if not commands:
        assert any(_word(option).search(line) for line in lines), f"{program} {option}"
        return
    command = commands[-1]
    wanted = [_word(command), *([_word(option)] if option else [])]
    assert any(all(p.search(line) for p in wanted) for line in lines), (
        f"README.md has no line naming `{program} {' '.join(commands)}` and `{option}`"
    )


def test_the_walk_sees_the_flags_it_must_see() -> None:
    # The walk itself: subcommands, capability commands and serve's capability options.
    cases = {(program, commands, option) for program, commands, option in _cases()}
    assert ("redhome-kiosk", (), "--log-dir") in cases
    assert ("redhome-kiosk", ("sync",), "--batch-size") in cases
    assert ("redhome-kiosk", ("simulate",), "--visits") in cases
    assert ("redhome-county", ("serve",), "--flights-store") in cases
    assert ("redhome-county", ("book-request",), "--plate") in cases
    assert not any(option in ("-h", "--help", "--only", "--seed") for *_, option in cases)
