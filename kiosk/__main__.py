"""Command line: run (default), --demo, --snapshot DIR, --self-test."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="redhome-kiosk", description="Red Home (红色之家) station kiosk"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, help="the station's data dir")
    parser.add_argument("--windowed", action="store_true", help="run in a window")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--demo", action="store_true", help="run on a throwaway data dir with demo data"
    )
    mode.add_argument("--snapshot", type=Path, metavar="DIR", help="render every page to PNG")
    mode.add_argument("--self-test", action="store_true", help="boot headless, check, exit")
    parser.add_argument("--only", action="append", help=argparse.SUPPRESS)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from kiosk.app import build_demo_kiosk, build_kiosk
    from kiosk.paths import DataDir, default_data_dir
    from kiosk.ui.qt_logging import route_qt_messages
    from kiosk.ui.runtime import application, prepare_environment
    from kiosk.ui.shell import KioskWindow, ShellModel

    prepare_environment(headless=False)
    route_qt_messages()
    app = application()
    if args.demo:
        kiosk = build_demo_kiosk()
    else:
        kiosk = build_kiosk(DataDir(args.data_dir or default_data_dir()))
    shell = ShellModel(kiosk)
    window = KioskWindow(shell)
    shell.start()
    if args.windowed:
        window.window.show()
    else:
        window.window.showFullScreen()
    try:
        return app.exec()
    finally:
        window.close()
        kiosk.close()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.self_test:
        from kiosk.selftest import run_self_test

        return run_self_test()
    if args.snapshot is not None:
        from kiosk.ui.qt_logging import route_qt_messages
        from kiosk.ui.runtime import prepare_environment

        prepare_environment(headless=True)
        route_qt_messages()
        from kiosk.ui.snapshot import render_snapshots

        written = render_snapshots(args.snapshot, args.only)
        print(f"{len(written)} snapshots in {args.snapshot}")
        return 0
    return _run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
