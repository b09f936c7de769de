"""Loading one of the kiosk's top-level QML windows: the bundled fonts, the icon images, the
language switch, the window's properties, and a clear error when the file does not load."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickImageProvider, QQuickWindow

from kiosk.paths import qml_dir, resources_dir
from kiosk.ui.fonts import load_bundled_fonts
from kiosk.ui.icons import IconProvider
from kiosk.ui.language import LanguageController


def load_qml_window(
    file: str,
    properties: Mapping[str, object],
    language: LanguageController,
    images: Mapping[str, QQuickImageProvider] | None = None,
) -> tuple[QQmlApplicationEngine, QQuickWindow]:
    """`file` in kiosk/ui/qml, its root a Window; `images` adds image providers to "icon"."""
    load_bundled_fonts(resources_dir() / "fonts")
    engine = QQmlApplicationEngine()
    engine.addImageProvider("icon", IconProvider(resources_dir() / "icons"))
    for name, provider in (images or {}).items():
        engine.addImageProvider(name, provider)
    language.attach_engine(engine)
    engine.setInitialProperties(dict(properties))
    engine.load(QUrl.fromLocalFile(str(qml_dir() / file)))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise RuntimeError(f"{file} did not load")
    return engine, roots[0]
