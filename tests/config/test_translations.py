import io
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_catalogue_is_complete_and_compiled(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    mo = polib.mofile(str(LOCALE / lang / "LC_MESSAGES" / "django.mo"))
    compiled = {e.msgid: (e.msgstr, e.msgstr_plural) for e in mo}
    source = {e.msgid: (e.msgstr, e.msgstr_plural) for e in po.translated_entries()}
    assert compiled == source, "run `make messages` to recompile"


def test_english_says_each_msgid_in_its_own_words():
    po = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    borrowed = [
        e.msgid
        for e in po.translated_entries()
        if (e.msgstr_plural and e.msgstr_plural != {0: e.msgid, 1: e.msgid_plural})
        or (not e.msgid_plural and e.msgstr != e.msgid)
    ]
    assert borrowed == [], "run `python manage.py english_catalogue`"


def test_english_catalogue_replaces_a_fuzzy_neighbours_wording(tmp_path, settings):
    from django.core.management import call_command

    folder = tmp_path / "locale" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\n#| msgid "Seats left"\nmsgid "Seats left: %(n)s"\nmsgstr "Seats left"\n\n'
        'msgid "One seat"\nmsgid_plural "%(n)s seats"\nmsgstr[0] ""\nmsgstr[1] ""\n'
    )
    settings.BASE_DIR = tmp_path
    call_command("english_catalogue", stdout=io.StringIO())
    po = polib.pofile(str(folder / "django.po"))
    assert [(e.msgstr, e.msgstr_plural, e.fuzzy) for e in po] == [
        ("Seats left: %(n)s", {}, False),
        ("", {0: "One seat", 1: "%(n)s seats"}, False),
    ]
