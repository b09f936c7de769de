"""Log files: rotation, redaction of phone numbers and credentials, export as a zip."""

from __future__ import annotations

import errno
import logging
import re
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.logs import (
    LOG_FILE_NAME,
    LogExportError,
    LogExportFailure,
    RedactingFilter,
    export_logs_zip,
    redact,
    resolve_log_dir,
    setup_logging,
)

PHONE = "13812345678"
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
NOW = datetime(2026, 11, 27, 7, 0, 5, tzinfo=UTC)


@pytest.fixture
def logger() -> Iterator[logging.Logger]:
    # A logger of its own, so the test never touches the root logger pytest itself uses.
    named = logging.getLogger("test-logs")
    named.propagate = False
    yield named
    for handler in list(named.handlers):
        named.removeHandler(handler)
        handler.close()


def _file_text(log_dir: Path) -> str:
    return "".join(
        p.read_text(encoding="utf-8") for p in sorted(log_dir.iterdir()) if ".log" in p.name
    )


def test_a_phone_number_logged_by_mistake_never_reaches_the_file(tmp_path, logger) -> None:
    setup = setup_logging(tmp_path / "logs", console=False, logger=logger)
    logger.info("check-in for %s at the airport", PHONE)
    logger.warning(f"f-string slip: {PHONE}")
    logger.error("with a dict %s", {"phone": PHONE, "plate": "湘A12345"})
    try:
        raise ValueError(f"phone {PHONE} rejected by the county")
    except ValueError:
        logger.exception("sync failed")
    logger.info("stack too", stack_info=True, extra={"who": PHONE})
    setup.flush()
    written = _file_text(tmp_path / "logs")
    assert MOBILE.search(written) is None
    assert "[phone]" in written
    assert "check-in for [phone] at the airport" in written
    assert "ValueError: phone [phone] rejected by the county" in written
    assert "湘A12345" in written
    setup.close()


def test_console_output_for_the_journal_is_scrubbed_too(tmp_path, logger, capsys) -> None:
    setup = setup_logging(tmp_path, console=True, logger=logger)
    logger.info("driver +86 138 1234 5678 checked in")
    setup.flush()
    captured = capsys.readouterr()
    assert "138 1234 5678" not in captured.err
    assert "driver [phone] checked in" in captured.err
    setup.close()


@pytest.mark.parametrize(
    "text",
    [
        "13812345678",
        "+8613812345678",
        "008613812345678",
        "8613812345678",
        "+86 138 1234 5678",
        "138-1234-5678",
        "tel:19912345678,",
        "电话19912345678。",
        "phone=17012345678&x=1",
    ],
)
def test_every_way_of_writing_a_mobile_number_is_redacted(text) -> None:
    scrubbed = redact(text)
    assert "[phone]" in scrubbed
    assert MOBILE.search(re.sub(r"[\s-]", "", scrubbed)) is None


@pytest.mark.parametrize(
    "text",
    [
        "138****5678",  # the masked form the screen shows is allowed
        "visit 1732712345678 done",  # a millisecond timestamp is not a phone
        "12812345678",  # 12x is not a mobile prefix
        "2026-11-27 15:00:00,123",
        "outbox size 10234567",
    ],
)
def test_things_that_are_not_phone_numbers_stay(text) -> None:
    assert redact(text) == text


@given(
    prefix=st.text(alphabet=st.characters(blacklist_categories=["Nd"]), max_size=20),
    second=st.sampled_from("3456789"),
    rest=st.text(alphabet="0123456789", min_size=9, max_size=9),
    suffix=st.text(alphabet=st.characters(blacklist_categories=["Nd"]), max_size=20),
)
def test_no_mobile_number_survives_redaction(prefix, second, rest, suffix) -> None:
    phone = f"1{second}{rest}"
    assert phone not in redact(f"{prefix}{phone}{suffix}")


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer abc.DEF-123_xyz", "abc.DEF-123_xyz"),
        ("headers={'Authorization': 'Bearer s3cr3tT0ken'}", "s3cr3tT0ken"),
        ("sent bearer 9f8e7d6c5b4a", "9f8e7d6c5b4a"),
        ("token=9f8e7d6c5b4a3f2e", "9f8e7d6c5b4a3f2e"),
        ('{"access_token": "Zm9vYmFyYmF6", "ok": true}', "Zm9vYmFyYmF6"),
        ("enrolment_code: 483920", "483920"),
        ("keeper pin=2468", "2468"),
        ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl", "c2lnbmF0dXJl"),
    ],
)
def test_anything_that_looks_like_a_credential_is_redacted(text, secret) -> None:
    scrubbed = redact(text)
    assert secret not in scrubbed
    assert "[redacted]" in scrubbed


def test_the_filter_scrubs_a_record_for_every_handler_after_it() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "call %s", (PHONE,), None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "call [phone]"


def test_a_bad_format_string_is_still_logged_and_scrubbed(tmp_path, logger) -> None:
    setup = setup_logging(tmp_path, console=False, logger=logger)
    # Straight to our handlers: pytest's own capture handler would raise on the bad format.
    record = logger.makeRecord(logger.name, logging.INFO, __file__, 1, "two %s %s", (PHONE,), None)
    for handler in setup.handlers:
        handler.handle(record)
    setup.flush()
    written = _file_text(tmp_path)
    assert "[phone]" in written
    assert PHONE not in written
    setup.close()


def test_files_rotate_and_stay_bounded(tmp_path, logger) -> None:
    setup = setup_logging(tmp_path, console=False, logger=logger, max_bytes=2_000, backup_count=3)
    for index in range(500):
        logger.info("line %04d %s", index, "x" * 40)
    setup.flush()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        LOG_FILE_NAME,
        f"{LOG_FILE_NAME}.1",
        f"{LOG_FILE_NAME}.2",
        f"{LOG_FILE_NAME}.3",
    ]
    assert all((tmp_path / name).stat().st_size <= 2_200 for name in names)
    assert "line 0499" in (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    setup.close()


def test_setting_up_twice_does_not_double_every_line(tmp_path, logger) -> None:
    setup_logging(tmp_path, console=False, logger=logger)
    setup = setup_logging(tmp_path, console=False, logger=logger)
    logger.info("once")
    setup.flush()
    assert _file_text(tmp_path).count("once") == 1
    setup.close()
    assert [h for h in logger.handlers if getattr(h, "_redhome_kiosk", False)] == []


# /proc/sys refuses new entries even to root, which is who runs the kiosk's CI.
UNWRITABLE = Path("/proc/sys")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc/sys")
def test_an_unwritable_log_dir_costs_the_file_not_the_kiosk(tmp_path, logger) -> None:
    setup = setup_logging(UNWRITABLE / "redhome" / "logs", console=False, logger=logger)
    assert setup.log_file is None
    logger.info("still running")
    setup.close()


def test_an_unusable_log_dir_path_costs_the_file_not_the_kiosk(tmp_path, logger) -> None:
    # A file where the dir should be fails for root too.
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    setup = setup_logging(blocker / "logs", console=False, logger=logger)
    assert setup.log_file is None
    logger.info("still running")
    setup.close()


def test_the_log_dir_comes_from_the_argument_then_the_environment_then_the_platform(
    tmp_path,
) -> None:
    assert resolve_log_dir(tmp_path, {"REDHOME_LOG_DIR": "/var/log/x"}) == tmp_path
    assert resolve_log_dir(None, {"REDHOME_LOG_DIR": "/var/log/x"}) == Path("/var/log/x")
    assert "redhome-kiosk" in str(resolve_log_dir(None, {}))


def test_export_zips_every_log_file_scrubbed_under_a_dated_name(tmp_path, logger) -> None:
    log_dir = tmp_path / "logs"
    setup = setup_logging(log_dir, console=False, logger=logger, max_bytes=500)
    for index in range(30):
        logger.info("visit %02d recorded", index)
    # A file an older build wrote before redaction existed.
    (log_dir / "kiosk.log.9").write_text(f"old line with {PHONE}\n", encoding="utf-8")
    stick = tmp_path / "usb"
    stick.mkdir()
    exported = export_logs_zip(log_dir, stick, NOW)
    assert exported == stick / "redhome-kiosk-logs-20261127T070005Z.zip"
    assert sorted(p.name for p in stick.iterdir()) == [exported.name]
    with zipfile.ZipFile(exported) as archive:
        names = archive.namelist()
        contents = "".join(archive.read(name).decode("utf-8") for name in names)
    assert "MANIFEST.txt" in names
    assert "logs/kiosk.log" in names
    assert "logs/kiosk.log.9" in names
    assert "visit 29 recorded" in contents
    assert PHONE not in contents
    assert "old line with [phone]" in contents
    setup.close()


def test_two_exports_in_one_second_keep_both(tmp_path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    first = export_logs_zip(tmp_path / "no-logs-yet", stick, NOW)
    second = export_logs_zip(tmp_path / "no-logs-yet", stick, NOW)
    assert first != second
    assert second.name == "redhome-kiosk-logs-20261127T070005Z-1.zip"
    with zipfile.ZipFile(second) as archive:
        assert archive.namelist() == ["MANIFEST.txt"]


def test_export_to_a_missing_folder_is_a_typed_error(tmp_path) -> None:
    with pytest.raises(LogExportError) as raised:
        export_logs_zip(tmp_path, tmp_path / "no-stick", NOW)
    assert raised.value.failure is LogExportFailure.NO_TARGET


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc/sys")
def test_export_to_a_read_only_folder_is_a_typed_error_and_leaves_nothing(tmp_path) -> None:
    (tmp_path / "kiosk.log").write_text("x", encoding="utf-8")
    before = sorted(path.name for path in UNWRITABLE.iterdir())
    with pytest.raises(LogExportError) as raised:
        export_logs_zip(tmp_path, UNWRITABLE, NOW)
    assert raised.value.failure is LogExportFailure.NOT_WRITABLE
    assert sorted(path.name for path in UNWRITABLE.iterdir()) == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stick_is_a_typed_error(tmp_path, monkeypatch) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    real_open = open

    def full_open(path, mode="r", *args, **kwargs):
        if str(path).endswith(".partial"):
            return real_open("/dev/full", mode, *args, **kwargs)
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full_open)
    (tmp_path / "kiosk.log").write_text("x" * 100_000, encoding="utf-8")
    with pytest.raises(LogExportError) as raised:
        export_logs_zip(tmp_path, stick, NOW)
    assert raised.value.failure is LogExportFailure.NO_SPACE
    assert list(stick.iterdir()) == []


def test_a_refused_write_is_a_typed_error_even_for_root(tmp_path, monkeypatch) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    real_open = open

    def refusing_open(path, mode="r", *args, **kwargs):
        if str(path).endswith(".partial"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    with pytest.raises(LogExportError) as raised:
        export_logs_zip(tmp_path, stick, NOW)
    assert raised.value.failure is LogExportFailure.NOT_WRITABLE
    assert list(stick.iterdir()) == []


def test_without_a_file_only_the_scrubbed_console_is_set_up(tmp_path, logger, capsys) -> None:
    setup = setup_logging(tmp_path / "logs", to_file=False, logger=logger)
    logger.info("self-test for %s", PHONE)
    setup.flush()
    assert setup.log_file is None
    assert not (tmp_path / "logs").exists()
    assert "self-test for [phone]" in capsys.readouterr().err
    setup.close()
