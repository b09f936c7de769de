"""The shell's one attention slot, banner and idle screen choose by priority."""

from __future__ import annotations

from kiosk.ui.attention import AttentionBoard, AttentionItem, IdleBoard, Priority


def _item(key: str, priority: int, *, interrupting: bool = False) -> AttentionItem:
    return AttentionItem(key, priority, key, "", "clock", interrupting)


def test_the_most_important_item_takes_the_slot(qapp) -> None:
    board = AttentionBoard()
    assert board.homeItem == {} and board.banner == {}
    board.offer(_item("notice", Priority.NOTICE))
    board.offer(_item("meal", Priority.MEAL_READY, interrupting=True))
    board.offer(_item("wake", Priority.REST_WAKEUP, interrupting=True))
    assert board.homeItem["key"] == "wake" and board.banner["key"] == "wake"
    board.offer(_item("urgent", Priority.URGENT_NOTICE))
    assert board.homeItem["key"] == "urgent"
    assert board.banner["key"] == "wake"  # an urgent notice is for home, not a banner


def test_a_dismissed_banner_gives_way_and_stays_on_home_until_withdrawn(qapp) -> None:
    board = AttentionBoard()
    board.offer(_item("meal", Priority.MEAL_READY, interrupting=True))
    board.offer(_item("wake", Priority.REST_WAKEUP, interrupting=True))
    board.dismiss("wake")
    assert board.banner["key"] == "meal"
    assert board.homeItem["key"] == "wake"
    board.withdraw("wake")
    board.withdraw("meal")
    assert board.homeItem == {} and board.banner == {}


def test_offering_the_same_item_again_does_not_repeat_its_banner_but_a_new_one_does(qapp):
    board = AttentionBoard()
    changes: list[int] = []
    board.changed.connect(lambda: changes.append(1))
    wake = _item("wake", Priority.REST_WAKEUP, interrupting=True)
    board.offer(wake)
    board.dismiss("wake")
    board.offer(wake)
    assert board.banner == {} and len(changes) == 2
    board.offer(AttentionItem("wake", Priority.REST_WAKEUP, "seat 4", "", "clock", True))
    assert board.banner["title"] == "seat 4"


def test_the_idle_screen_is_home_unless_a_board_is_offered(qapp) -> None:
    board = AttentionBoard()
    assert board.idle_page() == "home"
    board.offer_board(IdleBoard("meals", "meals.board", Priority.MEAL_READY))
    board.offer_board(IdleBoard("rest", "rest.board", Priority.REST_WAKEUP))
    assert board.idle_page() == "rest.board"
    board.withdraw_board("rest")
    assert board.idle_page() == "meals.board"
