"""English is the source language: its catalogue repeats every msgid as its msgstr.

`makemessages` fills a new English entry from its nearest existing neighbour and marks it
fuzzy; copying only into empty entries (GNU msgen) would keep that wrong text once the mark
is cleared. This writes every entry's own msgid, so Django never falls back to the Spanish
default and never shows a neighbour's wording."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Make every msgstr of the English catalogue its msgid (run by `make messages`)."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path), wrapwidth=0)
        changed = 0
        for entry in catalogue:
            if entry.obsolete:
                continue
            if entry.msgid_plural:
                wanted = {0: entry.msgid, 1: entry.msgid_plural}
                if entry.msgstr_plural != wanted:
                    entry.msgstr_plural = wanted
                    changed += 1
            elif entry.msgstr != entry.msgid:
                entry.msgstr = entry.msgid
                changed += 1
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = None
                changed += 1
        catalogue.save()
        self.stdout.write(f"English catalogue: {changed} entries set to their msgid")
