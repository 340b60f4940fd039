"""``symbiose match``: rank counterparts for every stream (or one), store and print them.

Storing recomputes every candidate once and prints each stream's best ``--top`` from the
stored rows (at most the stored top 10 per stream); a valuing pass is queued for a task worker,
as after any recompute. ``--no-store`` and ``--stream`` ask the engine directly.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from symbiose.matching.actions import do_recompute_all
from symbiose.matching.adapter import get_engine
from symbiose.matching.engine.reasons import render
from symbiose.matching.engine.types import Match, Reason
from symbiose.matching.models import Candidate
from symbiose.matching.refresh import chunks


def _stored(top: int, intra_company: bool) -> list[Match]:
    """Each stream's best ``top`` stored candidates, best first, as the engine's matches."""
    rows = Candidate.objects.all()
    if not intra_company:
        rows = rows.filter(intra_company=False)
    keep = rows.best_per_side(top)
    found = []
    for part in chunks(keep):
        found += Candidate.objects.filter(pk__in=part).select_related("offer", "need")
    found.sort(key=lambda c: (-c.rank, c.offer.ref, c.need.ref))
    return [Match(
        offer_ref=c.offer.ref, need_ref=c.need.ref, score=c.score, feasible=c.feasible,
        distance_km=c.distance_km, intra_company=c.intra_company, components=c.components,
        reasons=tuple(Reason(r["template"], r.get("params", {}), frozenset(r.get("reveals", ())),
                        r.get("kind", "info")) for r in c.reasons),
    ) for c in found]  # fmt: skip


class Command(BaseCommand):
    help = _(
        "Match offers and needs; for every offer its top-N needs and every need its top-N offers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--top", type=int, default=5)
        parser.add_argument("--stream", default=None, help="only this stream's candidates")
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument(
            "--intra-company", action="store_true", help="also match an organisation with itself"
        )
        parser.add_argument(
            "--no-store", action="store_true", help="print only; keep the stored candidates"
        )

    def handle(self, *args, top, stream, format, intra_company, no_store, **options):
        if top < 1:
            raise CommandError(gettext("--top must be at least 1"))
        if not no_store and stream is None:
            # Match once: store (which queues a valuing pass), then print from what was stored.
            do_recompute_all()
            matches = _stored(top, intra_company)
        elif stream is not None:
            engine = get_engine()
            try:
                matches = engine.candidates_for(stream, top_n=top,
                                                include_intra_company=intra_company)  # fmt: skip
            except KeyError:
                raise CommandError(gettext("No active stream with reference %(ref)s")
                                   % {"ref": stream}) from None  # fmt: skip
        else:
            matches = get_engine().match_all(top_n=top, include_intra_company=intra_company)
        rows = [{
            "offer": m.offer_ref, "need": m.need_ref, "score": round(m.score, 4),
            "feasible": m.feasible,
            "distance_km": None if m.distance_km is None else round(m.distance_km, 1),
            "reasons": [render(r, gettext) for r in m.reasons],
            "intra_company": m.intra_company,
        } for m in matches]  # fmt: skip
        if format == "json":
            self.stdout.write(json.dumps({"matches": rows}, ensure_ascii=False, indent=1))
            return
        for row in rows:
            flag = "" if row["feasible"] else " " + gettext("(not feasible)")
            km = "-" if row["distance_km"] is None else row["distance_km"]
            self.stdout.write(
                f"{row['score']:.3f}  {row['offer']:28} -> {row['need']:28} {km:>7} km{flag}"
            )
            for reason in row["reasons"][:3]:
                self.stdout.write(f"        {reason}")
