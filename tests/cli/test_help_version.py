"""What the help and --version say: the real CLI app."""

from __future__ import annotations

from typer.testing import CliRunner

from communique import __version__
from communique.cli import app


def test_version():
    res = CliRunner().invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"communique {__version__}"


def test_verbose_is_a_repeated_flag_not_a_number():
    res = CliRunner().invoke(app, ["--help"], terminal_width=200)
    line = next(x for x in res.stdout.splitlines() if "--verbose" in x)
    assert "<int>" not in line and "-vv" in line


def test_code_help_lists_csv_input():
    res = CliRunner().invoke(app, ["code", "--help"], terminal_width=200)
    assert "csv" in res.stdout.split("--input-format", 1)[1].split("--", 1)[0]
