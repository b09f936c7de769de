"""Command line: run (default), --demo, --snapshot DIR, --layout-check, --self-test; enroll,
sync, and each capability's commands (simulate, ...)."""

from __future__ import annotations

import argparse
import errno
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from kiosk import __version__

if TYPE_CHECKING:
    from PySide6.QtQuick import QQuickWindow

    from kiosk.app import Kiosk
    from kiosk.capability import Command
    from kiosk.paths import DataDir
    from kiosk.watchdog import Notifier


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr (the usage itself is behind --help), exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _parser() -> argparse.ArgumentParser:
    from kiosk.capability import at_least

    parser = _Parser(prog="redhome-kiosk", description="Red Home (红色之家) station kiosk")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, help="the station's data dir")
    parser.add_argument("--windowed", action="store_true", help="run in a window")
    parser.add_argument("--log-dir", type=Path, help="where the rotating log files go")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--demo", action="store_true", help="run on a throwaway data dir with demo data"
    )
    mode.add_argument(
        "--snapshot",
        type=Path,
        metavar="DIR",
        help="render every page and state to PNG: 2 orientations x 2 languages x 2 text sizes",
    )
    mode.add_argument(
        "--self-test",
        action="store_true",
        help="boot headless on a copy of --data-dir (or a new station), check, exit",
    )
    parser.add_argument(
        "--layout-check",
        action="store_true",
        help="check every page's layout against UI.md (with --snapshot: in the same pass); "
        "exit 1 on any finding",
    )
    parser.add_argument(
        "--layout-json", type=Path, metavar="FILE", help="with --layout-check: findings as JSON"
    )
    parser.add_argument("--only", action="append", help=argparse.SUPPRESS)
    # Tests: check these QML files (each a Window) instead of the kiosk's pages.
    parser.add_argument("--layout-scene", action="append", type=Path, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    enroll = commands.add_parser("enroll", help="exchange a one-time code for a station token")
    enroll.add_argument("--server", required=True, metavar="URL", help="the county server")
    enroll.add_argument("--code", required=True, help="the one-time enrolment code")
    sync = commands.add_parser(
        "sync", help="push and pull once; prints pushed/pending/parked as JSON on its last line"
    )
    sync.add_argument(
        "--retries", type=at_least(0), default=2, help="retries with backoff when unreachable"
    )
    sync.add_argument("--batch-size", type=at_least(1), default=None, help="operations per request")
    # Each capability's own commands (CoreCapability.commands): importing the declarations
    # is cheap, their work loads only when run.
    from kiosk.capabilities import CAPABILITIES

    for ref in CAPABILITIES:
        for command in ref.core().commands:
            command_parser = commands.add_parser(command.name, help=command.help)
            command.add_arguments(command_parser)
            command_parser.set_defaults(capability_command=command)
    return parser


EXIT_UNREACHABLE = 2
EXIT_REFUSED = 3
EXIT_DATABASE_TOO_NEW = 4
EXIT_DATA_DIR = 5  # the data dir is a file, or cannot be created or written
# The data dir's disk is full or read-only (or failing) while working: nothing saved was lost,
# the command stopped before writing half a change. Free space or fix permissions, run again.
EXIT_STORAGE = 6


def storage_line(data_dir: Path, error: BaseException) -> str | None:
    """The one line for a command stopped by a full or read-only disk; None for other errors."""
    from kiosk.store.errors import StorageProblem, storage_problem
    from kiosk.store.health import free_bytes, size_text

    problem = storage_problem(error)
    if problem is None:
        return None
    free = free_bytes(data_dir)
    space = "unknown" if free is None else size_text(free)
    cause = str(error).splitlines()[0] if str(error) else type(error).__name__
    match problem:
        case StorageProblem.FULL:
            what = f"the disk of the data dir {data_dir} is full ({space} free)"
            todo = "free some space"
        case StorageProblem.READ_ONLY:
            what = f"the data dir {data_dir} cannot be written ({space} free)"
            todo = "make it writable for this user"
        case _:
            what = f"the disk of the data dir {data_dir} fails to read or write ({space} free)"
            todo = "check the disk"
    return f"redhome-kiosk: {what}: {cause}; nothing saved was lost; {todo}, then run this again"


def _station_root(args: argparse.Namespace) -> Path:
    from kiosk.paths import default_data_dir

    return Path(args.data_dir or default_data_dir())


def _open_data_dir(root: Path) -> DataDir:
    """The station's data dir, made if need be; OSError if it cannot be."""
    from kiosk.paths import DataDir

    if root.exists() and not root.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "it is a file, not a folder", str(root))
    return DataDir(root).ensure()


def _data_dir(args: argparse.Namespace) -> DataDir | None:
    """The station's data dir, made if need be; None (and one line on stderr) if it cannot be."""
    root = _station_root(args)
    try:
        return _open_data_dir(root)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        print(f"redhome-kiosk: cannot use the data dir {root}: {reason}", file=sys.stderr)
        return None


def _run_command(args: argparse.Namespace) -> int:
    """enroll, sync and the capabilities' commands: no Qt, no window."""
    from kiosk.app import build_kiosk
    from kiosk.sync.errors import SyncError

    data_dir = _data_dir(args)
    if data_dir is None:
        return EXIT_DATA_DIR
    kiosk = build_kiosk(data_dir)
    try:
        if args.command == "enroll":
            try:
                response = kiosk.sync.enrol(args.server, args.code)
            except SyncError as error:
                print(f"enrolment failed: {error.reason.value}: {error.detail}", file=sys.stderr)
                return EXIT_UNREACHABLE if error.unreachable else EXIT_REFUSED
            print(f"enrolled as station {response.station_code} ({response.station_name})")
            print(f"token stored in keyring backend: {kiosk.credentials.backend_name}")
            return 0
        if args.command == "sync":
            if args.batch_size:
                kiosk.sync.set_batch_size(args.batch_size)
            report = kiosk.sync.run_with_retries(args.retries)
            if report.error is not None:
                print(
                    f"sync stopped: {report.error.reason.value}: {report.error.detail}",
                    file=sys.stderr,
                )
            print(json.dumps(report.as_json(), sort_keys=True), flush=True)
            if report.error is None:
                return 0
            return EXIT_UNREACHABLE if report.error.unreachable else EXIT_REFUSED
        command: Command | None = getattr(args, "capability_command", None)
        if command is not None:
            return command.run(kiosk, args)
        raise AssertionError(args.command)
    finally:
        kiosk.close()


def _build_station_kiosk(args: argparse.Namespace, notifier: Notifier) -> Kiosk | None:
    """The station's kiosk; on a full or read-only disk the paused screen first, for as long as
    it takes (None if that window was closed)."""
    from kiosk.app import build_demo_kiosk, build_kiosk
    from kiosk.store.errors import storage_problem
    from kiosk.store.health import probe_writes
    from kiosk.ui.storage_pause import PausedWindow
    from redhome_wire.station_time import SystemClock

    if args.demo:
        return build_demo_kiosk()
    root = _station_root(args)

    def probe() -> None:
        probe_writes(_open_data_dir(root).root, root / "kiosk.db")

    while True:
        try:
            return build_kiosk(_open_data_dir(root))
        except Exception as error:
            if storage_problem(error) is None:
                raise
            logging.getLogger(__name__).error("cannot start on %s: %s", root, error)
            paused = PausedWindow(error, root, probe, SystemClock())
            paused.pause.statusChanged.connect(notifier.status)
            # Up and answering the watchdog: a restart would find the same disk.
            notifier.ready(f"redhome-kiosk {__version__} paused: {paused.pause.detail}")
            if args.windowed:
                paused.window.show()
            else:
                paused.window.showFullScreen()
            try:
                if not paused.wait():
                    return None
            finally:
                paused.close()


def _self_test(args: argparse.Namespace) -> int:
    """On a temporary station, or on a copy of the one --data-dir names."""
    from kiosk.selftest import UnusableDataDir, run_self_test

    try:
        return run_self_test(args.data_dir)
    except UnusableDataDir as error:
        print(f"redhome-kiosk: cannot use the data dir {args.data_dir}: {error}", file=sys.stderr)
        return EXIT_DATA_DIR


def _run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer

    from kiosk.store.database import DatabaseTooNew
    from kiosk.ui.qt_logging import route_qt_messages
    from kiosk.ui.runtime import application, prepare_environment
    from kiosk.ui.shell import KioskWindow, ShellModel
    from kiosk.watchdog import Notifier

    prepare_environment(headless=False)
    route_qt_messages()
    app = application()
    # systemd: pings from the UI thread, so a hung loop restarts; from the start, since a
    # paused kiosk waits for its disk before its window is up.
    notifier = Notifier.from_environment()
    if notifier.watchdog_interval_ms:
        pinger = QTimer(app)
        pinger.setInterval(notifier.watchdog_interval_ms)
        pinger.timeout.connect(notifier.ping)
        pinger.start()
    app.aboutToQuit.connect(notifier.stopping)
    try:
        kiosk = _build_station_kiosk(args, notifier)
    except DatabaseTooNew as error:
        # An older build on a newer database: say so and touch nothing.
        logging.getLogger(__name__).critical("%s", error)
        print(f"redhome-kiosk: {error}", file=sys.stderr)
        return EXIT_DATABASE_TOO_NEW
    if kiosk is None:
        return EXIT_STORAGE
    shell = ShellModel(kiosk, log_dir=args.log_dir)
    window = KioskWindow(shell)
    shell.storage_pause.statusChanged.connect(notifier.status)
    shell.start(first_boot_setup=not args.demo)
    shell.crash_guard.install()
    if args.windowed:
        window.window.show()
    else:
        window.window.showFullScreen()
    notifier.ready(f"redhome-kiosk {__version__}")
    try:
        return app.exec()
    finally:
        shell.crash_guard.uninstall()
        window.close()
        kiosk.close()


def _snapshot_and_check(args: argparse.Namespace) -> int:
    """--snapshot DIR and --layout-check, alone or both in one pass over the pages."""
    from kiosk.ui.qt_logging import route_qt_messages
    from kiosk.ui.runtime import prepare_environment

    prepare_environment(headless=True)
    route_qt_messages()
    from kiosk.ui.layout_check import LayoutReport, check_scenes
    from kiosk.ui.snapshot import Variant, render_snapshots

    report = LayoutReport() if args.layout_check else None
    if args.layout_scene:
        if report is None:
            raise SystemExit("--layout-scene goes with --layout-check")
        check_scenes(args.layout_scene, report)
    else:

        def visit(name: str, variant: Variant, window: QQuickWindow) -> None:
            if report is not None:
                report.check(window, name, variant.name)

        written = render_snapshots(args.snapshot, args.only, visit=visit)
        if args.snapshot is not None:
            print(f"{len(written)} snapshots in {args.snapshot}")
    if report is None:
        return 0
    print(report.text())
    if args.layout_json is not None:
        report.write_json(args.layout_json)
    return 1 if report.findings else 0


def main(argv: list[str] | None = None) -> int:
    from kiosk.logs import setup_logging

    args = _parser().parse_args(argv)
    # A person runs the tools in a terminal: it shows what went wrong (warnings and worse) and
    # what the command prints; the routine lines go to the station's log file with the running
    # kiosk's. --self-test and --snapshot leave the station's log alone.
    is_tool = (
        args.command is not None or args.self_test or args.snapshot is not None or args.layout_check
    )
    setup_logging(
        args.log_dir,
        console_level=logging.WARNING if is_tool else logging.NOTSET,
        to_file=args.command is not None or not is_tool,
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if args.command is not None or args.self_test:
        try:
            if args.self_test:
                return _self_test(args)
            return _run_command(args)
        except Exception as error:
            import tempfile

            from kiosk.paths import default_data_dir

            # The self-test works in a temporary folder (on a copy of the station's data).
            folder = (
                Path(tempfile.gettempdir())
                if args.self_test
                else args.data_dir or default_data_dir()
            )
            line = storage_line(folder, error)
            if line is None:
                raise
            logging.getLogger(__name__).debug("stopped by storage", exc_info=True)
            print(line, file=sys.stderr)
            return EXIT_STORAGE
    if args.snapshot is not None or args.layout_check:
        return _snapshot_and_check(args)
    return _run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
