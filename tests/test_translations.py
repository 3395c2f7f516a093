"""The shipped catalogues are complete: in every language each entry is translated, none is
left fuzzy, the placeholders of the English text survive, and the compiled .mo says what the
.po says (compilemessages was run after the last edit)."""

import ast
import gettext
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    [*ROOT.glob("locale/*/LC_MESSAGES/django.po"), *ROOT.glob("*/locale/*/LC_MESSAGES/django.po")]
)
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0-9.]*[sdif]|%[sd]")


def entries(po: Path) -> list[dict]:
    """The entries of a .po file: flags, msgctxt, msgid, msgid_plural and the msgstr forms."""
    found, entry, field = [], None, None
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry and "msgid" in entry:
                found.append(entry)
            entry, field = None, None
            continue
        entry = entry if entry is not None else {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if isinstance(field, int):
                entry["msgstr"][field] += text
            else:
                entry[field] += text
        else:
            keyword, _, value = line.partition(" ")
            index = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            field = int(index.group(1)) if index else 0 if keyword == "msgstr" else keyword
            if isinstance(field, int):
                entry["msgstr"][field] = ast.literal_eval(value)
            else:
                entry[field] = ast.literal_eval(value)
    return [e for e in found if e["msgid"]]


def name(po: Path) -> str:
    return str(po.relative_to(ROOT).parent.parent)


def test_there_are_catalogues_in_every_language():
    languages = {po.parent.parent.name for po in CATALOGUES}
    assert {"de", "ko", "ru", "zh_Hans"} <= languages


@pytest.mark.parametrize("po", CATALOGUES, ids=name)
def test_every_entry_is_translated_and_keeps_its_placeholders(po):
    problems = []
    for entry in entries(po):
        if "fuzzy" in entry["flags"]:
            problems.append(("fuzzy", entry["msgid"]))
        for form, text in entry["msgstr"].items():
            english = entry["msgid_plural"] if form and "msgid_plural" in entry else entry["msgid"]
            if not text:
                problems.append(("untranslated", entry["msgid"]))
            elif "python-format" in entry["flags"] and sorted(
                set(PLACEHOLDER.findall(text))
            ) != sorted(set(PLACEHOLDER.findall(english))):
                problems.append(("placeholders", entry["msgid"], text))
    assert problems == []


@pytest.mark.parametrize("po", CATALOGUES, ids=name)
def test_the_compiled_catalogue_matches_its_source(po):
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in entries(po):
        key = (
            entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
        )
        if "msgid_plural" in entry:
            found = [compiled._catalog.get((key, form)) for form in sorted(entry["msgstr"])]
            wanted = [entry["msgstr"][form] for form in sorted(entry["msgstr"])]
        else:
            found, wanted = compiled._catalog.get(key), entry["msgstr"][0]
        if found != wanted:
            stale.append(entry["msgid"])
    assert stale == []


@pytest.mark.parametrize(
    "app_po", [po for po in CATALOGUES if not name(po).startswith("locale")], ids=name
)
def test_a_string_in_an_apps_catalogue_reads_the_same_in_the_root_catalogue(app_po):
    """LOCALE_PATHS wins over an app's locale/: a differing root copy would hide the app's."""
    root_po = ROOT / "locale" / app_po.relative_to(ROOT).parts[-3] / "LC_MESSAGES" / "django.po"
    root = {(e.get("msgctxt"), e["msgid"]): e["msgstr"] for e in entries(root_po)}
    differing = [
        e["msgid"]
        for e in entries(app_po)
        if (e.get("msgctxt"), e["msgid"]) in root
        and root[(e.get("msgctxt"), e["msgid"])] != e["msgstr"]
    ]
    assert differing == []
