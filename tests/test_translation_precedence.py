"""Our Norwegian wording is what the pages show: no installed app's catalogue (Django admin
translates "Filter" as "Filtrering") overrides a msgid we translate ourselves."""

from __future__ import annotations

from django.apps import apps
from django.utils import translation

from tests.test_translations import ROOT, entries


def ours_in_app_order() -> dict[str, str]:
    """msgid → msgstr, the first of our apps (INSTALLED_APPS order) winning, as Django does."""
    wanted: dict[str, str] = {}
    for config in apps.get_app_configs():
        po = ROOT.parent / config.name.replace(".", "/") / "locale/nb/LC_MESSAGES/django.po"
        if config.name.startswith("symbiose.") and po.exists():
            for msgid, msgstr, fuzzy in entries(po):
                if msgstr and not fuzzy:
                    wanted.setdefault(msgid, msgstr)
    return wanted


def test_our_norwegian_translations_win_over_installed_apps():
    wanted = ours_in_app_order()
    assert wanted["Filter"] == "Filtrer"
    with translation.override("nb"):
        shown = {msgid: translation.gettext(msgid) for msgid in wanted}
    # The project's own LOCALE_PATHS catalogue (symbiose/locale) may override on purpose.
    overridden = {m: (shown[m], s) for m, s in wanted.items() if shown[m] != s}
    assert not overridden, f"another catalogue wins: {dict(list(overridden.items())[:10])}"
