"""Each catalogue holds exactly the messages the code of its app marks: none unused, none
obsolete, none kept only in another app's catalogue.

``makemessages`` runs on a copy of the source (never on the checkout), with the copy's own
settings, so it writes only there; its catalogues must then have the same messages as ours
and no obsolete (``#~``) entry. An unused message ("Quantity per year" after the search table
dropped "per year") is dead text for translators, and one held only by another app's
catalogue comes back untranslated the next time that app's catalogue is made.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_translations import ROOT, message_keys

pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="makemessages needs GNU gettext (apt: gettext)"
)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """A copy of the package whose Norwegian catalogues ``makemessages`` has just made."""
    copy = tmp_path_factory.mktemp("messages")
    ignored = shutil.ignore_patterns("__pycache__", "*.mo", "static")
    shutil.copytree(ROOT, copy / "symbiose", ignore=ignored)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "symbiose.settings", "PYTHONPATH": str(copy)}
    script = ("import django; django.setup(); from django.core.management import call_command; "
              "call_command('makemessages', locale=['nb'], verbosity=0)")  # fmt: skip
    subprocess.run([sys.executable, "-c", script], cwd=copy, env=env, check=True)
    return copy / "symbiose"


CATALOGUES = sorted(ROOT.glob("**/locale/nb/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_catalogue_holds_the_messages_its_code_marks_and_no_others(made, po):
    ours = set(message_keys(po.read_text(encoding="utf-8")))
    remade = (made / po.relative_to(ROOT)).read_text(encoding="utf-8")
    theirs = set(message_keys(remade))
    assert not ours - theirs, f"unused in {po}: remove {sorted(ours - theirs)[:10]}"
    assert not theirs - ours, (
        f"marked in this app but translated elsewhere or not at all: move or add "
        f"{sorted(theirs - ours)[:10]} to {po}"
    )
    assert "\n#~ msgid" not in "\n" + po.read_text(encoding="utf-8"), f"obsolete entries in {po}"
