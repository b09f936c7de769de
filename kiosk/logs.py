"""Rotating log files with personal data scrubbed out, and their export as a zip.

Redaction here is defence in depth: the services already never log a full phone number, but a
mistake in a log call, an exception message or a Qt warning that quotes a text field must still
not put one on disk, in the journal or on a technician's USB stick.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import logging
import logging.handlers
import os
import re
import sys
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kiosk import __version__
from kiosk.paths import default_log_dir

LOG_DIR_ENV = "REDHOME_LOG_DIR"
LOG_FILE_NAME = "kiosk.log"
# Size-based rotation keeps the total bounded (about 6 MB) on a terminal's small eMMC.
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

PHONE_MARK = "[phone]"
SECRET_MARK = "[redacted]"

# A mainland mobile number: 1[3-9] and nine more digits, also written +86 138 1234 5678,
# 0086-138-1234-5678 or 8613812345678. Digits on either side mean a longer number (a timestamp,
# an id), not a phone.
_PHONE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]{4}){2}(?![0-9])")
_BEARER = re.compile(r"(?i)\b(bearer)(\s+)[A-Za-z0-9\-._~+/]+=*")
_AUTHORIZATION = re.compile(
    r"(?i)\b(authorization[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+(?:\s+[^\s\"',}]+)?"
)
_SECRET_FIELD = re.compile(
    r"(?i)\b((?:access_|refresh_|api_|auth_|station_|enrol(?:l)?ment_)?(?:token|secret|password|"
    r"passwd|api_?key|pin|enrol(?:l)?ment_code)[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,;}]+"
)
# A JSON Web Token: three base64url parts, the first of which always decodes to '{"'.
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")


def redact(text: str) -> str:
    """Text with phone numbers and anything that looks like a credential replaced."""
    text = _JWT.sub(SECRET_MARK, text)
    text = _AUTHORIZATION.sub(lambda m: m.group(1) + SECRET_MARK, text)
    text = _BEARER.sub(lambda m: m.group(1) + m.group(2) + SECRET_MARK, text)
    text = _SECRET_FIELD.sub(lambda m: m.group(1) + SECRET_MARK, text)
    return _PHONE.sub(PHONE_MARK, text)


class RedactingFilter(logging.Filter):
    """Scrubs a record's message and exception text before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must still be logged, and scrubbed
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class RedactingFormatter(logging.Formatter):
    """Scrubs the finished line too, whatever a record carried in (names, extra fields)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def resolve_log_dir(explicit: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The given dir, else $REDHOME_LOG_DIR (the systemd unit sets it), else the platform's."""
    if explicit is not None:
        return explicit
    environ = os.environ if environ is None else environ
    from_env = environ.get(LOG_DIR_ENV)
    if from_env:
        return Path(from_env)
    return default_log_dir()


@dataclass
class LoggingSetup:
    """What setup_logging installed; close() takes it out again (tests, shutdown)."""

    log_file: Path | None
    logger: logging.Logger
    handlers: list[logging.Handler] = field(default_factory=list)

    def flush(self) -> None:
        for handler in self.handlers:
            handler.flush()

    def close(self) -> None:
        for handler in self.handlers:
            self.logger.removeHandler(handler)
            handler.close()
        self.handlers.clear()


# Marks the handlers setup_logging installed (an attribute logging.Handler does not declare).
_OWNED_MARK = "_redhome_kiosk"


def _owned(handler: logging.Handler) -> bool:
    return getattr(handler, _OWNED_MARK, False)


def setup_logging(
    log_dir: Path | None = None,
    *,
    level: int = logging.INFO,
    console: bool = True,
    console_level: int = logging.NOTSET,
    to_file: bool = True,
    logger: logging.Logger | None = None,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
) -> LoggingSetup:
    """Rotating file in the log dir plus stderr (the journal under systemd), both scrubbed.

    to_file=False is for runs that must leave the station's logs alone (--self-test).
    console_level above `level` keeps the routine lines in the file and off a person's terminal.
    Never raises: a log dir that cannot be made (read-only disk, no permission) costs the file,
    not the kiosk; the reason goes to stderr.
    """
    logger = logger if logger is not None else logging.getLogger()
    for old in [h for h in logger.handlers if _owned(h)]:
        logger.removeHandler(old)
        old.close()
    logger.setLevel(level)
    formatter = RedactingFormatter(LOG_FORMAT)
    handlers: list[logging.Handler] = []
    log_file: Path | None = None
    file_problem: str | None = None
    if to_file:
        directory = resolve_log_dir(log_dir)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            file_handler = logging.handlers.RotatingFileHandler(
                directory / LOG_FILE_NAME,
                maxBytes=max_bytes,
                backupCount=backup_count,
                encoding="utf-8",
            )
        except OSError as error:
            file_problem = f"no log file in {directory}: {error}"
        else:
            handlers.append(file_handler)
            log_file = directory / LOG_FILE_NAME
    if console:
        console_handler = logging.StreamHandler(sys.stderr)
        console_handler.setLevel(console_level)
        handlers.append(console_handler)
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        handler.setFormatter(formatter)
        setattr(handler, _OWNED_MARK, True)
        logger.addHandler(handler)
    if file_problem is not None:
        logger.error("%s", file_problem)
    return LoggingSetup(log_file=log_file, logger=logger, handlers=handlers)


class LogExportFailure(enum.Enum):
    NO_TARGET = "no_target"
    NOT_WRITABLE = "not_writable"
    NO_SPACE = "no_space"


class LogExportError(Exception):
    """The zip could not be written; `failure` says why, for the UI to put into words."""

    def __init__(self, failure: LogExportFailure, detail: str) -> None:
        super().__init__(detail)
        self.failure = failure


def _log_files(log_dir: Path) -> Iterable[Path]:
    if not log_dir.is_dir():
        return []
    return sorted(p for p in log_dir.iterdir() if p.is_file() and ".log" in p.name)


def _flush_logging() -> None:
    for handler in logging.getLogger().handlers:
        # A broken handler must not stop the export.
        with contextlib.suppress(Exception):
            handler.flush()


def export_logs_zip(log_dir: Path, target_dir: Path, now: datetime) -> Path:
    """Zip every log file in log_dir into target_dir (a USB stick, say); returns the zip.

    Each file is scrubbed again on the way out, in case it was written by an older build.
    The zip appears under its final name only once complete, so a stick pulled out half-way
    never holds something that looks like a good export.
    """
    if not target_dir.is_dir():
        raise LogExportError(LogExportFailure.NO_TARGET, f"{target_dir} is not a folder")
    _flush_logging()
    stamp = (now.astimezone(UTC) if now.tzinfo else now).strftime("%Y%m%dT%H%M%SZ")
    target = target_dir / f"redhome-kiosk-logs-{stamp}.zip"
    counter = 1
    while target.exists():
        target = target_dir / f"redhome-kiosk-logs-{stamp}-{counter}.zip"
        counter += 1
    partial = target.with_name(target.name + ".partial")
    files = list(_log_files(log_dir))
    manifest = [
        f"redhome-kiosk {__version__}",
        f"exported {stamp}",
        f"from {log_dir}",
        *(f"{p.name} {p.stat().st_size} bytes" for p in files),
    ]
    try:
        with open(partial, "wb") as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("MANIFEST.txt", "\n".join(manifest) + "\n")
                for path in files:
                    text = path.read_text(encoding="utf-8", errors="replace")
                    archive.writestr(f"logs/{path.name}", redact(text))
            raw.flush()
            # A USB stick is pulled out the moment the screen says done.
            os.fsync(raw.fileno())
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            raise LogExportError(LogExportFailure.NO_SPACE, str(error)) from error
        raise LogExportError(LogExportFailure.NOT_WRITABLE, str(error)) from error
    return target
