"""Fill the catalogues and compile them, without GNU gettext at run time.

    python scripts/messages.py          # after `manage.py makemessages -l es -l en`

Spanish comes from scripts/translations_es.py and scripts/translations_es_<area>.py;
English (the source language) copies each msgid. Any string without a translation is
listed and the script exits non-zero.
"""

import importlib
import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).parent))
from translations_es import ES as _CORE  # noqa: E402


def _catalogue() -> dict:
    """The core dictionary plus one module per feature area (translations_es_<area>.py), so
    parallel work on different areas never edits the same file. A msgid translated twice
    differently is a mistake worth stopping for."""
    merged = dict(_CORE)
    for path in sorted(Path(__file__).parent.glob("translations_es_*.py")):
        for msgid, value in importlib.import_module(path.stem).ES.items():
            if msgid in merged and merged[msgid] != value:
                raise SystemExit(f"{path.name}: {msgid!r} already translated as {merged[msgid]!r}")
            merged[msgid] = value
    return merged


ES = _catalogue()

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def fill(lang: str) -> list[str]:
    po_path = LOCALE / lang / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path), wrapwidth=100)
    po.metadata.update(
        {
            "Language": lang,
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
        }
    )
    missing = []
    for entry in po:
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        if entry.msgid_plural:
            key = (entry.msgid, entry.msgid_plural)
            value = ES.get(key) if lang == "es" else (entry.msgid, entry.msgid_plural)
            if value is None:
                missing.append(entry.msgid)
                continue
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            value = ES.get(entry.msgid) if lang == "es" else entry.msgid
            if value is None:
                missing.append(entry.msgid)
                continue
            entry.msgstr = value
    po.save(str(po_path))
    po.save_as_mofile(str(po_path.with_suffix(".mo")))
    return missing


if __name__ == "__main__":
    problems = {lang: fill(lang) for lang in ("es", "en")}
    for lang, missing in problems.items():
        for msgid in missing:
            print(f"{lang}: no translation for {msgid!r}")
    sys.exit(1 if any(problems.values()) else 0)
