"""Offers with titles whose sort order differs from a byte order, shared by the search tests
that check the title order past the result cut."""

from __future__ import annotations

from symbiose.registry.actions import do_save_stream
from symbiose.registry.models import Organisation

#: Nordic letters, a German sharp s, accents, a titlecase digraph and mixed case.
NON_ASCII_TITLES = ["Ørsta slam", "oksygen", "Ærfugl dun", "Zink", "ßtraße", "Élan", "elan",
                    "Øl", "åker", "Aske", "ǅemal", "zinc"]  # fmt: skip


def save_titled_offers(org: Organisation, *, reverse_refs: bool = False) -> None:
    """Save one public material offer per title in `NON_ASCII_TITLES`; with `reverse_refs`
    the references run against the list, so reference order is not title order either."""
    for n, title in enumerate(NON_ASCII_TITLES):
        number = 99 - n if reverse_refs else n
        do_save_stream(org, {"ref": f"S-T-{number:02}", "direction": "offer",
                             "category": "material", "title": title,
                             "visibility": "public"}, acting_user=None)  # fmt: skip
