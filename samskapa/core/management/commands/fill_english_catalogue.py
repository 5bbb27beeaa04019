from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "The msgids are written in English, so the English catalogue's text is the msgid. "
        "This copies each new msgid into its empty English msgstr; Swedish is translated by hand."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("en/LC_MESSAGES/*.po"):
                catalogue = polib.pofile(str(po_path))
                filled = 0
                for entry in catalogue:
                    if entry.msgid_plural and not any(entry.msgstr_plural.values()):
                        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                        filled += 1
                    elif not entry.msgid_plural and not entry.msgstr:
                        entry.msgstr = entry.msgid
                        filled += 1
                    if "fuzzy" in entry.flags:
                        entry.flags.remove("fuzzy")
                        entry.msgstr = entry.msgid
                catalogue.save()
                self.stdout.write(f"{po_path}: filled {filled} entries.")
