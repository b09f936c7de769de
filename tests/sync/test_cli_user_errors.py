"""Issue 11 #15 (kiosk part): user errors on the command line get one clear line, no traceback."""

from __future__ import annotations

import pytest

from tests.sync.test_sync_cli import cli_log_dir, kiosk_cli


def _one_clear_line(result) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_data_dir_that_is_a_file(tmp_path):
    target = tmp_path / "kiosk.db"
    target.write_text("not a dir")
    line = _one_clear_line(kiosk_cli(target, "sync"))
    assert "data dir" in line and str(target) in line


def test_a_data_dir_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    target = blocker / "station"
    line = _one_clear_line(kiosk_cli(target, "simulate", "--visits", "1"))
    assert "data dir" in line and str(target) in line
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("simulate", "--visits", "-5"), "--visits"),
        (("simulate", "--visits", "3", "--days", "0"), "--days"),
        (("sync", "--retries", "-1"), "--retries"),
        (("sync", "--batch-size", "0"), "--batch-size"),
        (("sync", "--retries", "many"), "--retries"),
    ],
)
def test_out_of_range_numbers_are_refused(tmp_path, args, words):
    line = _one_clear_line(kiosk_cli(tmp_path / "station", *args))
    assert words in line
    assert not (tmp_path / "station").exists()  # refused before anything was made


def test_routine_lines_go_to_the_log_file_not_the_terminal(tmp_path):
    # A new station's first command makes its phone hash key: worth a line in the log, not a
    # line of noise above the command's own answer.
    data = tmp_path / "station"
    result = kiosk_cli(data, "simulate", "--visits", "2")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    log = (cli_log_dir(data) / "kiosk.log").read_text(encoding="utf-8")
    assert "no phone hash key yet" in log
