"""Switching the whole kiosk between Simplified Chinese and English, live."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP as _QT_TRANSLATE_NOOP
from PySide6.QtCore import Property, QCoreApplication, QLocale, QObject, QTranslator, Signal, Slot
from PySide6.QtQml import QQmlEngine

log = logging.getLogger(__name__)

CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = (CHINESE, ENGLISH)

# Qt's mark for a text translated later: lupdate finds QT_TRANSLATE_NOOP("Context", "text") by
# name, and the call returns the text itself. PySide6 types that result as object; here it is str.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], _QT_TRANSLATE_NOOP)


class LanguageController(QObject):
    languageChanged = Signal()

    def __init__(self, i18n_dir: Path, initial: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._i18n_dir = i18n_dir
        self._translator: QTranslator | None = None
        self._engine: QQmlEngine | None = None
        self._language = ENGLISH
        self.set_language(initial)

    def attach_engine(self, engine: QQmlEngine | None) -> None:
        self._engine = engine

    @Property(str, notify=languageChanged)
    def language(self) -> str:
        return self._language

    @Property(bool, notify=languageChanged)
    def chinese(self) -> bool:
        return self._language == CHINESE

    @Slot(str)
    def setLanguage(self, language: str) -> None:
        self.set_language(language)

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        if language == self._language:
            return
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        # English is the source language; its file carries only the plural forms.
        translator = QTranslator(self)
        qm = self._i18n_dir / f"kiosk_{language}.qm"
        if not translator.load(str(qm)):
            log.error("translation %s is missing; run the set-up to build it", qm)
        elif app is not None:
            app.installTranslator(translator)
            self._translator = translator
        QLocale.setDefault(QLocale(language))
        self._language = language
        if self._engine is not None:
            self._engine.retranslate()
        self.languageChanged.emit()
