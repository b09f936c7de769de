"""Command line of the county server: serve, enroll-code, revoke, restore, publish, stats,
create-admin, console-snapshot, and each capability's commands (county/capabilities.py).

Station commands go through the same functions as the staff console (county.console.station_admin),
so each is audited, with "cli" as the actor."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from county import __version__
from county.app import create_app
from county.capabilities import CAPABILITIES
from county.capability import Command, CommandProblem, ServeSettings
from county.console.accounts import AccountProblem, Role, create_account
from county.console.audit import CLI_ACTOR
from county.console.station_admin import (
    StationRevoked,
    UnknownStation,
    issue_code,
    restore_station,
    revoke_station,
)
from county.db import make_engine, make_writer_factory, migrate, sqlite_url
from county.publish import PublishProblem, publish_document
from county.stats import stats
from redhome_wire.station_time import SystemClock

DEFAULT_PORT = 8700
DB_ENV = "REDHOME_COUNTY_DB"


def default_database_url() -> str:
    return sqlite_url(_data_dir() / "county.db")


def _database_url(args: argparse.Namespace) -> str:
    return args.db or os.environ.get(DB_ENV) or default_database_url()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="redhome-county", description="Red Home county server (红色之家 县级服务器)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    def with_db(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--db",
            metavar="URL",
            help=f"database URL (default: ${DB_ENV} or SQLite in the county's data dir)",
        )
        return sub

    serve = with_db(commands.add_parser("serve", help="run the server"))
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="port to listen on (default: %(default)s)"
    )
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the base URL phones reach for the QR pages (default: the URL a kiosk used)",
    )
    for capability in CAPABILITIES:
        if capability.serve_options is not None:
            capability.serve_options.add_arguments(serve)

    code = with_db(
        commands.add_parser("enroll-code", help="print a one-time enrolment code for a station")
    )
    code.add_argument("station_code", metavar="STATION_CODE")
    code.add_argument("--name", help="the station's name (for a new station)")

    revoke = with_db(
        commands.add_parser(
            "revoke", help="revoke a station's token and cancel its outstanding enrolment codes"
        )
    )
    revoke.add_argument("station_code", metavar="STATION_CODE")

    restore = with_db(
        commands.add_parser(
            "restore",
            help="lift a station's revocation (it then enrols again with a new code)",
        )
    )
    restore.add_argument("station_code", metavar="STATION_CODE")

    publish = with_db(
        commands.add_parser(
            "publish",
            help="publish county data (profiles, announcements, activities, services) from JSON",
        )
    )
    publish.add_argument("file", type=Path, help='a JSON list of {"scope","kind","key","data"}')

    with_db(commands.add_parser("stats", help="print counts per station as JSON"))

    admin = with_db(
        commands.add_parser(
            "create-admin",
            help="create a staff console administrator (the password is asked for, never an "
            "argument)",
        )
    )
    admin.add_argument("username", metavar="USERNAME")
    admin.add_argument("--display-name", help="the name shown in the console (default: USERNAME)")
    admin.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of a prompt",
    )
    for command in _capability_commands().values():
        command.add_arguments(with_db(commands.add_parser(command.name, help=command.help)))
    return parser


def _capability_commands() -> dict[str, Command]:
    return {command.name: command for capability in CAPABILITIES for command in capability.commands}


def _fail(message: str) -> None:
    print(f"redhome-county: {message}", file=sys.stderr)


def _data_dir() -> Path:
    return Path(PlatformDirs("redhome-county", "RedHome").user_data_dir)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn  # only the server needs it

    database_url = _database_url(args)
    settings = ServeSettings(database_url, _data_dir())
    attachments = [
        attach
        for capability in CAPABILITIES
        if capability.serve_options is not None
        and (attach := capability.serve_options.prepare(args, settings)) is not None
    ]
    _open_database(database_url).dispose()  # a bad --db is said here, in one line
    app = create_app(database_url, public_url=args.public_url)
    for attach in attachments:
        attach(app, app.state.county)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="info",
        timeout_graceful_shutdown=5,
        access_log=False,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        if args.command == "serve":
            return _serve(args)
        return _run(args)
    except CommandProblem as problem:
        _fail(str(problem))
        return 2


def _open_database(url: str) -> Engine:
    """The engine for `url`, migrated; a CommandProblem in one line when it cannot be used."""
    try:
        engine = make_engine(url)
    except (ArgumentError, ImportError, ValueError, OSError) as error:  # bad URL, no driver
        raise CommandProblem(f"--db: cannot use {_shown(url)}: {_first_line(error)}") from None
    try:
        migrate(engine)
    except (SQLAlchemyError, OSError) as error:
        engine.dispose()
        cause = getattr(error, "orig", None) or error
        raise CommandProblem(f"--db: cannot open {_shown(url)}: {_first_line(cause)}") from None
    return engine


def _shown(url: str) -> str:
    """The URL as it may be printed: its password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return repr(url[:200])


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _read_items(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandProblem(f"publish: no file {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CommandProblem(f"publish: cannot read {path}: {_first_line(error)}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandProblem(f"publish: {path} is not JSON ({error})") from None


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise CommandProblem("create-admin: the two passwords differ")
    return first


_ACCOUNT_REASONS = {
    "bad_username": "a username is 2-40 of a-z, 0-9, '.', '_' and '-'",
    "bad_password": "a password is 10-256 characters",
    "username_taken": "that username is taken",
    "bad_display_name": "a display name is 1-80 characters",
}


def _run(args: argparse.Namespace) -> int:
    items = _read_items(args.file) if args.command == "publish" else None
    password = _read_password(args) if args.command == "create-admin" else None
    engine = _open_database(_database_url(args))
    try:
        now = SystemClock().now()
        with make_writer_factory(engine)() as session:
            if args.command == "enroll-code":
                try:
                    code = issue_code(session, now, CLI_ACTOR, args.station_code, args.name)
                except StationRevoked:
                    _fail(
                        f"station {args.station_code} is revoked; "
                        f"run `redhome-county restore {args.station_code}` first"
                    )
                    return 1
                session.commit()
                print(f"One-time enrolment code for {args.station_code}, valid for 24 hours:")
                print(code)
            elif args.command == "revoke":
                try:
                    revoke_station(session, now, CLI_ACTOR, args.station_code)
                except UnknownStation:
                    _fail(f"no station {args.station_code}")
                    return 1
                session.commit()
                print(f"revoked the token of {args.station_code}")
            elif args.command == "restore":
                try:
                    restored = restore_station(session, now, CLI_ACTOR, args.station_code)
                except UnknownStation:
                    _fail(f"no station {args.station_code}")
                    return 1
                session.commit()
                if restored:
                    print(
                        f"restored {args.station_code}; it enrols again with a new code "
                        f"(redhome-county enroll-code {args.station_code})"
                    )
                else:
                    print(f"{args.station_code} was not revoked")
            elif args.command == "publish":
                try:
                    count = publish_document(session, items, now)
                except PublishProblem as problem:
                    raise CommandProblem(f"publish: {args.file}: {problem}") from None
                session.commit()
                print(f"published {count} items")
            elif args.command == "create-admin":
                assert password is not None
                try:
                    create_account(
                        session,
                        now,
                        CLI_ACTOR,
                        username=args.username,
                        display_name=args.display_name or args.username,
                        role=Role.ADMIN,
                        password=password,
                    )
                except AccountProblem as problem:
                    reason = _ACCOUNT_REASONS.get(problem.reason, problem.reason)
                    raise CommandProblem(f"create-admin: {reason}") from None
                session.commit()
                print(f"created administrator {args.username.strip().lower()}")
            elif args.command == "stats":
                document = {code: entry.as_json() for code, entry in stats(session).items()}
                print(json.dumps(document, ensure_ascii=False, sort_keys=True))
            else:
                return _capability_commands()[args.command].run(args, session, now)
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
