"""UI.md's layout rules, checked on the live Qt Quick item tree of what a window shows.

Each rule looks at the visible items (``visible`` and opacity above zero) from the window's
content item down, leaving out those nobody sees or taps: wholly under an opaque Rectangle
painted after them (a screen over the page), or under a layer over the whole window that takes
every tap (a modal warning). Sizes scale with the window's shorter side: 90 px at 1080 is 60 px
at 720.

Rules (the names the report groups by):

- ``elided``: a Text whose ``truncated`` is true (elided or cut by ``maximumLineCount``).
- ``clipped``: a Text whose painted size (``contentWidth``/``contentHeight``) exceeds its box, or
  a Text or Image that reaches outside a clipping ancestor that is not a list (lists scroll).
- ``overflow``: a Text or Image in a button that reaches outside the button's box (a tile's
  icon over its top edge, its help line below it).
- ``word-wrap``: a Text that wraps inside an English word, or leaves a single Chinese character
  alone on its last line (网约车司 / 机).
- ``covered``: an enabled button or MouseArea whose centre, tapped, would go to another item
  (the topmost enabled item there that takes mouse or touch, in paint order), not to it or one
  of its children. Not when that item lies inside the target's box (a button on a tappable
  card).
- ``outside-window``: an item that reaches outside the window (only the outermost such item).
- ``small-target``: an enabled button or MouseArea under 90 px in either dimension (not one of
  no size at all, such as a list's row on its way out: nobody sees or taps it).
- ``target-gap``: two enabled touch targets side by side (neither box inside the other) closer
  than 16 px, or overlapping, keys of keypads included (UI.md: targets ≥ 90 px with ≥ 16 px gaps).
  Each box as far as it is seen: a list's row half scrolled out ends at the list's edge.
- ``small-text``: body text under 24 px; ``small-title``: a title under 40 px. A title is a Text
  whose objectName ends in "title" (any case), or a Text in a TitleBar but not in its buttons
  (the page title). Everything else is body text, button labels included.
- ``contrast``: text against what is painted behind its centre (Rectangles, composited by
  their colour alpha and opacity, down to the window colour) under 7:1, WCAG 2 luminance.
  Text in disabled controls is left out, as WCAG does.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QTextLayout, QTextOption
from PySide6.QtQml import QQmlApplicationEngine, QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickWindow

RULES = (
    "elided",
    "clipped",
    "overflow",
    "word-wrap",
    "covered",
    "outside-window",
    "small-target",
    "target-gap",
    "small-text",
    "small-title",
    "contrast",
)

BASE_SHORT_SIDE = 1080.0
MIN_TARGET = 90.0
MIN_GAP = 16.0
MIN_BODY = 24.0
MIN_TITLE = 40.0
MIN_CONTRAST = 7.0
# Layout rounding: a box half a pixel short is not a finding.
SLACK = 0.5

_QML_SUFFIX = re.compile(r"_QML(TYPE)?_\d+$")
_TITLE_NAME = re.compile(r"title$", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD_CHAR = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Finding:
    rule: str
    item: str
    detail: str
    state: str = ""
    variant: str = ""

    def line(self) -> str:
        where = "/".join(part for part in (self.state, self.variant) if part)
        return f"{where}: {self.item}: {self.detail}" if where else f"{self.item}: {self.detail}"


def type_name(item: QQuickItem) -> str:
    """Text, Rectangle, BigButton, ... as QML calls it."""
    name = _QML_SUFFIX.sub("", item.metaObject().className())
    return name.removeprefix("QQuick")


def _qml_types(item: QQuickItem) -> Iterator[str]:
    meta = item.metaObject()
    while meta is not None:
        yield _QML_SUFFIX.sub("", meta.className())
        meta = meta.superClass()


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _geometry(rect: QRectF) -> str:
    return f"({rect.x():.0f},{rect.y():.0f} {rect.width():.0f}×{rect.height():.0f})"


def describe(item: QQuickItem) -> str:
    """objectName (or type), text if any, and the box in window pixels."""
    name = item.objectName() or type_name(item)
    text = item.property("text")
    label = ""
    if isinstance(text, str) and text.strip():
        short = " ".join(text.split())
        label = f' "{short[:40]}…"' if len(short) > 40 else f' "{short}"'
    return f"{name}{label} {_geometry(scene_rect(item))}"


def _shown(item: QQuickItem) -> bool:
    return item.isVisible() and item.opacity() > 0


def paint_order(children: Sequence[QQuickItem]) -> list[QQuickItem]:
    """Children as Qt paints them: by z, then in declaration order."""
    return [child for _, child in sorted(enumerate(children), key=lambda p: (p[1].z(), p[0]))]


def _is_text(item: QQuickItem) -> bool:
    return item.inherits("QQuickText")


def is_target(item: QQuickItem) -> bool:
    """An enabled button or MouseArea: something a driver taps."""
    return item.isEnabled() and (
        item.inherits("QQuickAbstractButton") or item.inherits("QQuickMouseArea")
    )


def _takes_pointer(item: QQuickItem) -> bool:
    # A Text takes presses only to pass them on when it has no link under them.
    if _is_text(item):
        return False
    return item.isEnabled() and (
        item.acceptedMouseButtons() != Qt.MouseButton.NoButton or item.acceptTouchEvents()
    )


def _is_list(item: QQuickItem) -> bool:
    return item.inherits("QQuickFlickable")


def pixel_size(font: QFont) -> float:
    if font.pixelSize() > 0:
        return float(font.pixelSize())
    return font.pointSizeF() * 96 / 72


def relative_luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _over(top: QColor, alpha: float, below: QColor) -> QColor:
    return QColor.fromRgbF(
        top.redF() * alpha + below.redF() * (1 - alpha),
        top.greenF() * alpha + below.greenF() * (1 - alpha),
        top.blueF() * alpha + below.blueF() * (1 - alpha),
    )


@dataclass
class _Node:
    item: QQuickItem
    rect: QRectF  # in the scene
    visible_rect: QRectF  # cut by clipping ancestors
    opacity: float  # effective
    enabled: bool
    parent: _Node | None
    clipped_by: QQuickItem | None = None  # the nearest clipping ancestor that is not a list
    in_list: QQuickItem | None = None  # the nearest list (Flickable) ancestor that clips
    in_title_bar: bool = False
    in_button: bool = False
    button: QQuickItem | None = None  # the nearest AbstractButton ancestor
    index: int = 0  # in paint order
    hidden: bool = False  # under an opaque Rectangle painted later
    children: list[_Node] = field(default_factory=list)


class SceneCheck:
    """One look at one window: the rules over its visible item tree."""

    def __init__(self, window: QQuickWindow) -> None:
        self.window = window
        self.window_rect = QRectF(0, 0, window.width(), window.height())
        self.scale = min(window.width(), window.height()) / BASE_SHORT_SIDE
        self.nodes: list[_Node] = []  # in paint order
        everywhere = QRectF(-1e7, -1e7, 2e7, 2e7)
        self.root = self._walk(window.contentItem(), None, everywhere)
        self.findings: list[Finding] = []

    def _walk(self, item: QQuickItem, parent: _Node | None, limit: QRectF) -> _Node:
        """limit: the clipping ancestors' boxes, intersected."""
        rect = scene_rect(item)
        node = _Node(
            item,
            rect,
            rect.intersected(limit),
            item.opacity() * (parent.opacity if parent else 1.0),
            item.isEnabled(),
            parent,
        )
        if parent is not None:
            node.clipped_by = parent.clipped_by
            node.in_list = parent.in_list
            node.in_title_bar = parent.in_title_bar or "TitleBar" in _qml_types(parent.item)
            node.button = (
                parent.item if parent.item.inherits("QQuickAbstractButton") else parent.button
            )
            node.in_button = node.button is not None
            if parent.item.clip():
                if _is_list(parent.item):
                    node.in_list = parent.item
                else:
                    node.clipped_by = parent.item
        inner = limit.intersected(rect) if item.clip() else limit
        ordered = paint_order([child for child in item.childItems() if _shown(child)])
        for child in ordered:
            if child.z() < 0:
                node.children.append(self._walk(child, node, inner))
        node.index = len(self.nodes)
        self.nodes.append(node)
        for child in ordered:
            if child.z() >= 0:
                node.children.append(self._walk(child, node, inner))
        return node

    def add(self, rule: str, item: QQuickItem, detail: str) -> None:
        self.findings.append(Finding(rule, describe(item), detail))

    def _mark_hidden(self) -> None:
        """Items wholly under an opaque Rectangle painted after them (a paused screen over the
        page, say) or under a layer that takes every tap (a modal warning): nobody sees or
        taps them, so no rule applies to them."""
        window_area = self.window_rect.width() * self.window_rect.height()
        occluders = [
            node
            for node in self.nodes
            if node.item.inherits("QQuickRectangle")
            and node.visible_rect.width() * node.visible_rect.height() >= 0.1 * window_area
            and _opaque(node)
        ]
        occluders += [node for node in self.nodes if _is_modal(node, self.window_rect)]
        for node in self.nodes:
            node.hidden = any(
                cover.index > node.index
                and cover.visible_rect.contains(node.visible_rect)
                and not node.item.isAncestorOf(cover.item)
                for cover in occluders
            )

    def run(self) -> list[Finding]:
        self._mark_hidden()
        for node in self.nodes:
            if node.hidden:
                continue
            if _is_text(node.item):
                self._text(node)
            elif node.item.inherits("QQuickImage"):
                self._clip(node)
            if is_target(node.item):
                self._target(node)
        self._outside(self.root)
        self._gaps()
        return self.findings

    # Text

    def _text(self, node: _Node) -> None:
        item = node.item
        text = item.property("text")
        if not isinstance(text, str) or not text.strip() or node.visible_rect.isEmpty():
            return
        if item.property("truncated"):
            self.add("elided", item, "text is cut short")
        else:
            width = float(item.property("contentWidth") or 0.0)
            height = float(item.property("contentHeight") or 0.0)
            if width > item.width() + SLACK or height > item.height() + SLACK:
                self.add(
                    "clipped",
                    item,
                    f"painted {width:.0f}×{height:.0f}"
                    f" > box {item.width():.0f}×{item.height():.0f}",
                )
        self._clip(node)
        self._wrap(node, text)
        font = item.property("font")
        if isinstance(font, QFont):
            size = pixel_size(font)
            title = bool(_TITLE_NAME.search(item.objectName())) or (
                node.in_title_bar and not node.in_button
            )
            minimum = (MIN_TITLE if title else MIN_BODY) * self.scale
            if size < minimum - SLACK:
                rule = "small-title" if title else "small-text"
                self.add(rule, item, f"{size:.0f} px < {minimum:.0f} px")
        if self._enabled(node):
            self._contrast(node)

    def _clip(self, node: _Node) -> None:
        if node.button is not None and not node.visible_rect.isEmpty():
            box = scene_rect(node.button).adjusted(-SLACK, -SLACK, SLACK, SLACK)
            if not box.contains(node.rect):
                self.add("overflow", node.item, f"reaches outside {describe(node.button)}")
        clipper = node.clipped_by
        if clipper is None or node.visible_rect.isEmpty():
            return
        box = scene_rect(clipper)
        if not box.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(node.rect):
            self.add("clipped", node.item, f"cut by {describe(clipper)}")

    def _wrap(self, node: _Node, text: str) -> None:
        item = node.item
        if int(item.property("lineCount") or 1) < 2 or "<" in text:
            return  # one line, or markup
        wrap_mode = _enum_value(item, "wrapMode")
        if wrap_mode is None:
            return
        font = item.property("font")
        if not isinstance(font, QFont):
            return
        for lines in wrapped_paragraphs(text, font, item.width(), wrap_mode):
            for before, after in itertools.pairwise(lines):
                if before and after and _WORD_CHAR.match(before[-1]) and _WORD_CHAR.match(after[0]):
                    self.add("word-wrap", item, f"breaks inside a word: {before!r} / {after!r}")
                    return
            last = lines[-1].strip() if lines else ""
            if len(lines) > 1 and len(last) == 1 and _HAN.match(last):
                self.add("word-wrap", item, f"one character alone on its last line: {last!r}")
                return

    def _enabled(self, node: _Node) -> bool:
        walk: _Node | None = node
        while walk is not None:
            if not walk.enabled:
                return False
            walk = walk.parent
        return True

    def _contrast(self, node: _Node) -> None:
        item = node.item
        colour = item.property("color")
        if not isinstance(colour, QColor):
            return
        centre = node.visible_rect.center()
        index = node.index
        layers: list[tuple[QColor, float]] = []
        for behind in reversed(self.nodes[:index]):
            if not behind.item.inherits("QQuickRectangle"):
                continue
            if not behind.visible_rect.contains(centre):
                continue
            fill = behind.item.property("color")
            if not isinstance(fill, QColor) or fill.alphaF() == 0:
                continue
            alpha = fill.alphaF() * behind.opacity
            layers.append((fill, alpha))
            if alpha >= 0.999:
                break
        background = QColor(self.window.color())
        for fill, alpha in reversed(layers):
            background = _over(fill, min(alpha, 1.0), background)
        base_opacity = layers[0][1] if layers else 1.0
        text_alpha = min(1.0, colour.alphaF() * node.opacity / max(base_opacity, 1e-6))
        shown = _over(colour, text_alpha, background)
        ratio = contrast_ratio(shown, background)
        if ratio < MIN_CONTRAST:
            self.add(
                "contrast",
                item,
                f"{ratio:.1f}:1, {shown.name()} on {background.name()}",
            )

    # Targets

    def _target(self, node: _Node) -> None:
        item = node.item
        if _is_modal(node, self.window_rect):
            return  # a layer, not a target
        if node.rect.isEmpty():
            return  # no size (a list's row on its way out): nobody sees or taps it
        minimum = MIN_TARGET * self.scale
        if item.width() < minimum - SLACK or item.height() < minimum - SLACK:
            self.add(
                "small-target",
                item,
                f"{item.width():.0f}×{item.height():.0f} < {minimum:.0f} px",
            )
        centre = node.rect.center()
        if node.in_list is not None and not node.visible_rect.contains(centre):
            # Scrolled out of its list, or out of a scrolling page around the list: the
            # driver scrolls to it.
            return
        hit = self.item_at(centre)
        if hit is None:
            self.add("covered", item, "nothing takes a tap at its centre (cut off or off-screen)")
        elif hit is not item and not item.isAncestorOf(hit):
            if node.rect.contains(scene_rect(hit)):
                return  # a button on a card that is a target too: the rest of the card works
            self.add("covered", item, f"a tap at its centre goes to {describe(hit)}")

    def item_at(self, point: QPointF) -> QQuickItem | None:
        """The item a press at this scene point goes to: the topmost enabled item that takes
        mouse or touch there, children before their parent, clipping respected."""
        return self._item_at(self.root, point)

    def _item_at(self, node: _Node, point: QPointF) -> QQuickItem | None:
        if node.item.clip() and not node.rect.contains(point):
            return None
        if not node.enabled:
            return None
        for child in reversed(node.children):  # topmost first
            found = self._item_at(child, point)
            if found is not None:
                return found
        if _takes_pointer(node.item) and node.rect.contains(point):
            return node.item
        return None

    def _gaps(self) -> None:
        targets = [
            node
            for node in self.nodes
            if is_target(node.item)
            and not node.hidden
            and not _is_modal(node, self.window_rect)
            and not node.visible_rect.isEmpty()
            and self._enabled(node)
        ]
        minimum = MIN_GAP * self.scale
        for i, a in enumerate(targets):
            for b in targets[i + 1 :]:
                # What a finger can reach of each: a row half scrolled out of its list ends at
                # the list's edge.
                box_a, box_b = a.visible_rect, b.visible_rect
                if box_a.contains(box_b) or box_b.contains(box_a):
                    continue  # one inside the other, or a layer over it: not neighbours
                gap = _gap(box_a, box_b)
                if gap is not None and gap < minimum - SLACK:
                    first, second = sorted((a, b), key=lambda n: (n.rect.y(), n.rect.x()))
                    self.add(
                        "target-gap",
                        first.item,
                        f"{gap:.0f} px < {minimum:.0f} px from {describe(second.item)}",
                    )

    # The window

    def _outside(self, node: _Node) -> None:
        window = self.window_rect.adjusted(-SLACK, -SLACK, SLACK, SLACK)
        for child in node.children:
            item = child.item
            if (
                child.hidden
                or child.visible_rect.isEmpty()
                or item.width() <= 0
                or item.height() <= 0
            ):
                continue
            if not window.contains(child.visible_rect):
                self.add("outside-window", item, "reaches outside the window")
                continue  # its children with it: one finding
            self._outside(child)


def _is_modal(node: _Node, window: QRectF) -> bool:
    """A layer over the whole window that takes every tap (the idle warning's)."""
    return _takes_pointer(node.item) and node.rect.contains(window)


def _opaque(node: _Node) -> bool:
    fill = node.item.property("color")
    return isinstance(fill, QColor) and fill.alphaF() * node.opacity >= 0.999


def _enum_value(item: QQuickItem, name: str) -> int | None:
    """A QML enum property as its number (PySide6 has no converter for QQuickText's enums)."""
    context = QQmlEngine.contextForObject(item)
    if context is None:
        return None
    value = QQmlExpression(context, item, name).evaluate()[0]
    return int(value) if isinstance(value, int | float) else None


def _gap(a: QRectF, b: QRectF) -> float | None:
    """The distance between two boxes side by side or one above the other; None when they
    are not neighbours (no overlap across the gap's axis)."""
    overlap_x = min(a.right(), b.right()) - max(a.left(), b.left())
    overlap_y = min(a.bottom(), b.bottom()) - max(a.top(), b.top())
    if overlap_y > 0 and overlap_x <= 0:
        return -overlap_x
    if overlap_x > 0 and overlap_y <= 0:
        return -overlap_y
    if overlap_x > 0 and overlap_y > 0:
        return -min(overlap_x, overlap_y)  # on top of each other
    return None


def wrapped_paragraphs(text: str, font: QFont, width: float, wrap_mode: int) -> list[list[str]]:
    """The lines a Text of this width and wrap mode shows (plain text), paragraph by paragraph."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode(wrap_mode))
    paragraphs: list[list[str]] = []
    for paragraph in text.replace("\u2028", "\n").split("\n"):
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(option)
        layout.beginLayout()
        lines: list[str] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
        paragraphs.append(lines)
    return paragraphs


def check_window(window: QQuickWindow, state: str = "", variant: str = "") -> list[Finding]:
    findings = SceneCheck(window).run()
    return [Finding(f.rule, f.item, f.detail, state=state, variant=variant) for f in findings]


class LayoutReport:
    """Findings from many states and variants, grouped by rule for people, or as JSON."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.scenes = 0

    def check(self, window: QQuickWindow, state: str, variant: str) -> None:
        self.scenes += 1
        self.findings.extend(check_window(window, state, variant))

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(RULES, 0)
        for finding in self.findings:
            counts[finding.rule] += 1
        return counts

    def text(self, per_rule: int = 20) -> str:
        counts = self.counts()
        lines = [f"layout check: {len(self.findings)} findings in {self.scenes} scenes"]
        for rule in RULES:
            if not counts[rule]:
                continue
            lines.append(f"{rule} ({counts[rule]}):")
            shown = [f for f in self.findings if f.rule == rule][:per_rule]
            lines.extend(f"  {finding.line()}" for finding in shown)
            if counts[rule] > len(shown):
                lines.append(f"  … and {counts[rule] - len(shown)} more")
        return "\n".join(lines)

    def write_json(self, path: Path) -> None:
        data = {
            "scenes": self.scenes,
            "counts": self.counts(),
            "findings": [asdict(finding) for finding in self.findings],
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def load_scene(engine: QQmlApplicationEngine, path: Path) -> QQuickWindow:
    """A QML file whose root is a Window, loaded and shown."""
    engine.load(QUrl.fromLocalFile(str(path.resolve())))
    roots = engine.rootObjects()
    window = roots[-1] if roots else None
    if not isinstance(window, QQuickWindow):
        raise ValueError(f"{path} did not load as a Window")
    window.show()
    QCoreApplication.processEvents()  # the content item takes the window's size
    return window


def check_scenes(paths: Sequence[Path], report: LayoutReport) -> None:
    """The rules over QML files of one's own (the tests' scenes), in both orientations."""
    from kiosk.ui.runtime import application
    from kiosk.ui.snapshot import ORIENTATIONS

    app = application()
    for path in paths:
        engine = QQmlApplicationEngine()
        window = load_scene(engine, path)
        for orientation, (width, height) in ORIENTATIONS.items():
            window.resize(width, height)
            app.processEvents()
            window.grabWindow()  # renders, and so polishes the layouts
            report.check(window, path.stem, orientation)
        window.close()
        del window
        del engine
        app.processEvents()
