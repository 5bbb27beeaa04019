"""Every user-visible string must be translated into Swedish and English.

The first test reads the committed catalogues; the second extracts the strings from the code
as it is now (with GNU gettext, as ``make messages`` does) into a scratch copy and fails on any
string that the catalogues do not translate yet.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
LANGUAGES = ("sv", "en")


def untranslated(catalogue: polib.POFile) -> list[str]:
    missing = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            done = entry.msgstr_plural and all(entry.msgstr_plural.values())
        else:
            done = bool(entry.msgstr)
        if not done or "fuzzy" in entry.flags:
            missing.append(entry.msgid)
    return missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_catalogue_is_complete(language: str) -> None:
    catalogue = polib.pofile(str(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    assert untranslated(catalogue) == []


def test_every_string_in_the_code_is_translated(tmp_path: Path) -> None:
    copy = tmp_path / "samskapa"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"))
    (tmp_path / "manage.py").write_text((PACKAGE.parent / "manage.py").read_text())
    environment = {
        **os.environ,
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "samskapa.settings.local",
    }
    subprocess.run(
        [
            sys.executable,
            "../manage.py",
            "makemessages",
            "--no-obsolete",
            *[f"--locale={lang}" for lang in LANGUAGES],
        ],
        cwd=copy,
        env=environment,
        check=True,
        capture_output=True,
    )
    for language in LANGUAGES:
        catalogue = polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        assert untranslated(catalogue) == [], f"untranslated in {language}"
