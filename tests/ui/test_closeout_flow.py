"""The keeper closes the day by taps: the figures, a note, a confirmation, one sealed report."""

from __future__ import annotations

from datetime import timedelta

from kiosk.app import Kiosk
from kiosk.services.checkin.catalog import Purpose, WorkType
from kiosk.services.checkin.service import CheckInRequest
from tests.ui.conftest import find, items_named, settle, tap, text_of, unlock_keeper


def _open_closeout(qtbot, window, shell, kiosk: Kiosk) -> None:
    unlock_keeper(qtbot, shell, kiosk)
    tap(qtbot, window, "keeperCloseout")
    settle(qtbot, shell)
    assert shell.navigator.page == "keeper.closeout"


def _type_note(qtbot, window, shell, text: str) -> None:
    # What the field hands on as the keeper types (Pinyin through the virtual keyboard).
    shell.view_model("closeout").setNote(text)
    qtbot.wait(10)
    assert find(window, "handoverNote").property("text") == text


def _check_in(kiosk: Kiosk) -> None:
    kiosk.service("checkin").check_in(
        CheckInRequest(None, False, WorkType.TRUCK, None, Purpose.REST)
    )


def test_the_keeper_seals_the_day_after_saying_yes(qtbot, window, shell, kiosk) -> None:
    _check_in(kiosk)
    _check_in(kiosk)
    _open_closeout(qtbot, window, shell, kiosk)
    assert text_of(window, "keeperTotal") == "2"
    assert text_of(window, "closeoutDay").endswith("截至现在")
    assert text_of(window, "recordsWaiting") == "还有 2 条记录没传到县里。"

    _type_note(qtbot, window, shell, "北区充电桩停用")
    tap(qtbot, window, "mainAction")  # 结束今天（Z-0001）
    assert find(window, "sealConfirmation").isVisible()
    tap(qtbot, window, "cancelSeal")  # not yet: nothing sealed
    assert not items_named(window, "sealConfirmation")
    assert len(kiosk.service("closeout").reports()) == 0

    tap(qtbot, window, "mainAction")
    tap(qtbot, window, "mainAction")  # 确认封账 Z-0001
    settle(qtbot, shell)
    assert text_of(window, "sealedLabel") == "Z-0001"
    assert "还有 2 条记录" in text_of(window, "sealedText")
    report = kiosk.service("closeout").last_sealed()
    assert report is not None and report.handover_note == "北区充电桩停用"
    assert report.counters["checkin.visits"] == 2

    tap(qtbot, window, "mainAction")  # 完成
    settle(qtbot, shell)
    assert text_of(window, "closeoutDay").endswith("已结束。")
    assert not items_named(window, "mainAction")  # nothing left to seal today


def test_a_note_with_a_phone_number_is_refused_in_words(qtbot, window, shell, kiosk) -> None:
    _open_closeout(qtbot, window, shell, kiosk)
    _type_note(qtbot, window, shell, "有事打 139 0000 1111")
    tap(qtbot, window, "mainAction")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert "电话号码" in text_of(window, "errorText")
    assert len(kiosk.service("closeout").reports()) == 0


def test_a_forgotten_day_comes_first(qtbot, window, shell, kiosk, clock) -> None:
    closeout = kiosk.service("closeout")
    closeout.seal_day(closeout.today(), "站长")
    clock.set(clock.now() + timedelta(days=1))
    _check_in(kiosk)  # the next day had a visit, and nobody closed it
    clock.set(clock.now() + timedelta(days=1))
    _open_closeout(qtbot, window, shell, kiosk)
    forgotten = (closeout.today() - timedelta(days=1)).isoformat()
    assert text_of(window, "closeoutDay") == f"{forgotten} 还没有结束，请先结束这一天。"
    tap(qtbot, window, "mainAction")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert text_of(window, "sealedLabel") == "Z-0002"
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    assert text_of(window, "closeoutDay").endswith("截至现在")  # then today


def test_a_sealed_report_is_saved_as_pdf_with_its_chinese_and_goes_to_a_stick(
    qtbot, window, shell, kiosk, tmp_path
) -> None:
    from PySide6.QtPdf import QPdfDocument

    stick = tmp_path / "stick"
    stick.mkdir()
    view_model = shell.view_model("closeout")
    view_model._usb_sticks = lambda: [stick]
    _check_in(kiosk)
    _open_closeout(qtbot, window, shell, kiosk)
    _type_note(qtbot, window, shell, "北区充电桩停用 <b>不是标记</b>")
    tap(qtbot, window, "mainAction")
    tap(qtbot, window, "mainAction")
    qtbot.waitUntil(lambda: view_model.filesReady, timeout=10000)
    assert "Z-0001" in text_of(window, "filesText")
    reports = kiosk.data_dir.root / "reports"
    a4, receipt = reports / "Z-0001-2026-11-27.pdf", reports / "Z-0001-2026-11-27-receipt.pdf"
    assert {p.name for p in reports.iterdir()} == {a4.name, receipt.name}

    for path, width_mm in ((a4, 210), (receipt, 80)):
        document = QPdfDocument()
        assert document.load(str(path)) == QPdfDocument.Error.None_
        size = document.pagePointSize(0)
        assert abs(size.width() / 72 * 25.4 - width_mm) < 1
        pages = range(document.pageCount())
        # Without the line breaks: the receipt wraps its labels.
        text = "".join("".join(document.getAllText(page).text().split()) for page in pages)
        # The Chinese is real text in the bundled font, not boxes; the note stays text.
        assert "日报" in text and "货车司机" in text and "还没传到县里的记录" in text
        assert "<b>不是标记</b>" in text
        title = document.metaData(QPdfDocument.MetaDataField.Title)
        assert title.endswith("Z-0001")
        picture = document.render(0, size.toSize() * 2)
        assert not picture.isNull()
        picture.save(str(tmp_path / f"{path.stem}.png"))
        document.close()

    settle(qtbot, shell)
    tap(qtbot, window, "copyToStick")
    qtbot.waitUntil(lambda: "U 盘" in text_of(window, "filesText"), timeout=10000)
    assert {p.name for p in stick.iterdir()} == {a4.name, receipt.name}


def test_the_handover_note_waits_on_the_today_page_until_read(qtbot, window, shell, kiosk) -> None:
    kiosk.service("closeout").seal_day(kiosk.service("closeout").today(), "站长", "7号躺椅坏了")
    unlock_keeper(qtbot, shell, kiosk)
    tap(qtbot, window, "menuToday")
    settle(qtbot, shell)
    texts = [notice["text"] for notice in shell.keeper_vm.notices]
    assert texts == ["站长 交班留言（Z-0001，11-27 15:00）：7号躺椅坏了"]
    tap(qtbot, window, "acknowledgeNotice")
    settle(qtbot, shell)
    assert shell.keeper_vm.notices == []
    shell.keeper_vm.refresh()
    settle(qtbot, shell)
    assert shell.keeper_vm.notices == []  # read is read: it does not come back
    assert kiosk.service("closeout").unread_handover_note() is None
