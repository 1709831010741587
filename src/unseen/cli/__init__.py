"""The ``unseen`` command. One module per command group; this one wires them together
and turns every UnseenError into one line on stderr and exit code 2."""

from __future__ import annotations

import sqlite3
import sys

import typer
from typer.core import TyperGroup

from unseen.errors import UnseenError


class _Group(TyperGroup):
    def invoke(self, ctx: typer.Context):  # noqa: D102
        try:
            return super().invoke(ctx)
        except UnseenError as exc:
            typer.echo(f"error: {exc}", err=True)
            ctx.exit(130 if type(exc).__name__ == "Interrupted" else 2)
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            ctx.exit(130)
        except sqlite3.DatabaseError as exc:  # found by a query after the store was opened
            from unseen.store.opening import damaged, is_damage, is_full

            if is_full(exc):
                typer.echo(f"error: the store is full ({exc}); free space on its disk and run the command again",
                           err=True)
            elif is_damage(exc):
                typer.echo(f"error: {damaged(None, exc)}", err=True)
            else:
                raise
            ctx.exit(2)
        except Exception as exc:
            if not _usage_error(exc):
                raise
            what = exc.format_message().rstrip(".")  # a missing option, a value of the wrong type: one line too
            sub = getattr(exc, "ctx", None)
            name = sub.info_name if sub is not None and sub is not ctx else ctx.invoked_subcommand
            where = f"unseen {name}" if name else "unseen"
            typer.echo(f"error: {what[:1].lower()}{what[1:]}; see `{where} --help`", err=True)
            ctx.exit(2)


def _usage_error(exc: Exception) -> bool:
    """A click usage error (typer may carry its own copy of click, so it is matched by name)."""
    names = {c.__name__ for c in type(exc).__mro__}
    return "UsageError" in names and "NoArgsIsHelpError" not in names


app = typer.Typer(cls=_Group, no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="unseen: fresh, verified tasks for every evaluation, and where your model breaks.")


def _register() -> None:
    from unseen.cli import analyse, check, doctor, families, review, run, summary

    families.register(app)
    check.register(app)
    run.register(app)
    summary.register(app)
    analyse.register(app)
    review.register(app)
    doctor.register(app)


_register()


def _sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM stops like Ctrl-C: one line, exit 130, the run resumable


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _sigterm)
    try:
        app()
    except UnseenError as exc:  # raised outside a command (e.g. while loading plugins)
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
