"""Text derived from streams and organisations for many readers (issue 11.5).

An opportunity's title is read by every company in it, and a bank entry by every facilitator
of every hub, so such text is built from :func:`registry.access.outsider_view` (what a signed-in
outsider sees), never from the facilitator's insider view. The bank promises no company names:
:func:`registered_names_in` finds the name of any registered organisation in a text, and
:func:`anonymise` proposes a version without them for the facilitator to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from django.utils.translation import gettext as _

from symbiose.registry.access import outsider_view
from symbiose.registry.models import Organisation, Stream

#: Legal-form words left out when looking for a name: "Fjordmetall AS" is found as
#: "Fjordmetall" too.
LEGAL_FORMS = frozenset(
    "as asa sa ans da ba ks iks kf nuf sf hf".split()  # Norwegian
    + "ab oy oyj aps a/s ltd plc gmbh ag inc llc bv nv".split()  # Nordic and others
)
#: A distinctive part shorter than this is searched for only with its legal form.
MIN_CORE = 4


def opportunity_title(offer: Stream, need: Stream) -> str:
    """The default title of an opportunity made from a match: "<offer> for <need's owner>",
    with the owner named as an outsider sees it ("an organisation in Bergen" when hidden)."""
    return _("%(offer)s for %(org)s") % {
        "offer": outsider_view(offer)["title"],
        "org": outsider_view(need)["organisation_name"],
    }


def _forms(name: str) -> list[str]:
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in LEGAL_FORMS:
        words = words[:-1]
    core = " ".join(words)
    return [name] + ([core] if core != name and len(core) >= MIN_CORE else [])


def _pattern(name: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(f) for f in sorted(_forms(name), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _compiled(name: str) -> re.Pattern[str]:
    return _pattern(name)


def registered_names_in(text: str, names: Iterable[str] | None = None) -> list[str]:
    """The registered organisations' names that ``text`` contains (whole words, any case,
    with or without the legal form)."""
    if not text:
        return []
    if names is None:
        names = Organisation.objects.values_list("name", flat=True)
    return sorted({n for n in names if n and _compiled(n).search(text)})


def anonymise(text: str, organisations: Iterable[Organisation]) -> str:
    """``text`` with the names of ``organisations`` replaced by "an organisation"."""
    for org in organisations:
        text = _compiled(org.name).sub(_("an organisation"), text)
    return text
