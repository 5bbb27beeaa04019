from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "The msgids are written in English, so the English catalogue's text is the msgid. "
        "This copies each msgid into its English msgstr; Swedish is translated by hand."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("en/LC_MESSAGES/*.po"):
                catalogue = polib.pofile(str(po_path))
                filled = 0
                for entry in catalogue:
                    # Every msgstr is the msgid: a fuzzy guess from makemessages (a neighbouring
                    # msgid's text) must never reach English readers.
                    if entry.msgid_plural:
                        wanted = {0: entry.msgid, 1: entry.msgid_plural}
                        changed = entry.msgstr_plural != wanted
                        entry.msgstr_plural = wanted
                    else:
                        changed = entry.msgstr != entry.msgid
                        entry.msgstr = entry.msgid
                    if "fuzzy" in entry.flags:
                        entry.flags.remove("fuzzy")
                        changed = True
                    entry.previous_msgid = entry.previous_msgid_plural = None
                    filled += changed
                catalogue.save()
                self.stdout.write(f"{po_path}: filled {filled} entries.")
