"""What a capability's Qt half declares (`kiosk/ui/<name>/capability.py` holds a
`UI: UiCapability`), and what the shell hands it. The Qt-free half is kiosk.capability.

Declarations only at import: the view-models and their services are made in `build`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.capability import CoreParts
    from kiosk.ui.attention import AttentionBoard
    from kiosk.ui.language import LanguageController
    from kiosk.ui.navigation import Navigator
    from kiosk.ui.shell import ShellModel
    from kiosk.ui.tasks import TaskRunner
    from kiosk.ui.viewmodel import ViewModel
    from redhome_wire.station_time import ManualClock


@dataclass(frozen=True, slots=True)
class HomeTile:
    """A tile on the home grid. Title and help are English source text in the "HomePage"
    context (mark them with QT_TRANSLATE_NOOP), two to four characters in Chinese."""

    object_name: str
    title: str
    help: str
    icon: str
    primary: bool = True


@dataclass(frozen=True, slots=True)
class KeeperEntry:
    """A tile on the keeper's menu opening one of the capability's keeper pages ("KeeperMenuPage"
    context)."""

    object_name: str
    title: str
    help: str
    icon: str
    page: str


@dataclass(frozen=True, slots=True)
class Headline:
    object_name: str
    label: str  # translated
    value: int


@dataclass(frozen=True, slots=True)
class DayTable:
    title: str  # translated
    rows: tuple[tuple[str, int], ...]  # (translated label, count)


@dataclass(frozen=True, slots=True)
class DaySection:
    """What a capability shows on the keeper's "today" page, from its day counters."""

    headlines: tuple[Headline, ...] = ()
    tables: tuple[DayTable, ...] = ()


@dataclass(frozen=True, slots=True)
class UiContext:
    """What the shell hands a capability's Qt half."""

    kiosk: Kiosk
    tasks: TaskRunner
    navigator: Navigator
    language: LanguageController
    attention: AttentionBoard
    # Every capability's section of a day, from that day's counters (the keeper's "today"
    # page draws the same): for a capability that reports on the others, the close-out.
    day_sections: Callable[[Mapping[str, int]], list[DaySection]] = lambda _counters: []


# A state of the kiosk worth a picture (python -m kiosk --snapshot), reached from home.
SnapshotState = Callable[["ShellModel", "ManualClock"], None]


@dataclass(frozen=True, slots=True)
class KeeperNote:
    """Something a capability asks the keeper to read: on the keeper's today page until they
    tap "got it"."""

    key: str  # unique among every capability's notes, e.g. "closeout.handover.3"
    text: str  # translated
    mark_read: Callable[[], None]  # runs off the UI thread


@dataclass
class UiParts:
    # Each view-model under the name its pages reach it by (kiosk.vm.<name> in QML).
    view_models: Mapping[str, ViewModel]
    # What tapping its home tile does.
    open: Callable[[], None] | None = None
    day_summary: Callable[[Mapping[str, int]], DaySection] | None = None
    # Its notes for the keeper now; called off the UI thread (it may read the database).
    keeper_notes: Callable[[], list[KeeperNote]] | None = None


@dataclass(frozen=True, slots=True)
class UiCapability:
    name: str
    build: Callable[[UiContext, CoreParts], UiParts]
    # Page id -> QML file in `qml_dir`.
    pages: Mapping[str, str]
    qml_dir: Path
    tile: HomeTile | None = None
    keeper_entries: tuple[KeeperEntry, ...] = ()
    # Words for its typed errors (kiosk.ui.messages.describe).
    describers: Mapping[type[BaseException], Callable[[Any], str]] = field(default_factory=dict)
    # What its outbox op kinds are called on the keeper's sync page ("Sync" context).
    op_labels: Mapping[str, str] = field(default_factory=dict)
    # Its states worth a picture, loaded only by `--snapshot` (a station never needs them).
    snapshot_states: Callable[[], Mapping[str, SnapshotState]] | None = None
