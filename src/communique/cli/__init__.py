"""The command line: a thin typer app over the library's keyword-only functions.

Each module in this package that defines ``register(app)`` adds its commands; nothing else needs to
change to add a command.
"""

from __future__ import annotations

import importlib
import logging
import os
import pkgutil
import sys

import typer

from ..errors import CommuniqueError

app = typer.Typer(
    name="communique",
    help="Communiqué: code news into who did what to whom, when, where, and who says so.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score parts of the system against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"communique {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, metavar="", show_default=False,
                                help="more log output: -v info, -vv debug (repeat the flag; it takes no number)"),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="print the version and exit"),
) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _register_all() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_all()


def main() -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        app()
    except CommuniqueError as exc:
        typer.echo(f"error: {exc.code}: {exc}", err=True)
        raise SystemExit(2) from exc
