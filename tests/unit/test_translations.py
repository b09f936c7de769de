"""Both languages complete: every code string is in the .ts, translated, placeholders kept."""

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.paths import package_dir, resources_dir

I18N = resources_dir() / "i18n"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(ts)
    found = []
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message))
    return found


def test_chinese_is_complete_and_keeps_placeholders() -> None:
    messages = _messages(I18N / "kiosk_zh_CN.ts")
    assert len(messages) > 50
    for context, source, message in messages:
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") is None, (
            f"{context}: {source!r} is {translation.get('type')}"
        )
        forms = [form.text or "" for form in translation.iter("numerusform")] or [
            translation.text or ""
        ]
        for form in forms:
            assert form.strip(), f"{context}: {source!r} has an empty translation"
            for placeholder in set(re.findall(r"%(?:\d|n)", source)):
                assert placeholder in form, f"{context}: {source!r} lost {placeholder}"


def test_english_plurals_are_complete() -> None:
    for context, source, message in _messages(I18N / "kiosk_en.ts"):
        forms = [form.text or "" for form in message.iter("numerusform")]
        assert len(forms) == 2 and all("%n" in form for form in forms), (context, source)


def test_every_string_in_the_code_is_in_the_ts(tmp_path: Path) -> None:
    ts = tmp_path / "fresh.ts"
    shutil.copy(I18N / "kiosk_zh_CN.ts", ts)
    sources = sorted(
        str(path) for path in (package_dir() / "ui").rglob("*") if path.suffix in (".py", ".qml")
    )
    subprocess.run(
        [str(LUPDATE), *sources, "-ts", str(ts), "-no-obsolete", "-locations", "none"],
        check=True,
        capture_output=True,
    )
    before = {(c, s) for c, s, _ in _messages(I18N / "kiosk_zh_CN.ts")}
    after = {(c, s) for c, s, _ in _messages(ts)}
    assert after - before == set(), "run ./scripts/update-translations.sh and translate"
    assert before - after == set(), "strings no longer used: run ./scripts/update-translations.sh"


def test_compiled_translations_exist() -> None:
    for ts in I18N.glob("*.ts"):
        qm = ts.with_suffix(".qm")
        assert qm.exists(), f"{qm.name} missing: ./scripts/setup.sh builds it"
