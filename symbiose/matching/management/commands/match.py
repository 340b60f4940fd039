"""``symbiose match``: rank counterparts for every stream (or one), store and print them."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from symbiose.matching.actions import do_recompute_all
from symbiose.matching.adapter import get_engine
from symbiose.matching.engine.reasons import render


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
            do_recompute_all()
        engine = get_engine()
        if stream is not None:
            try:
                matches = engine.candidates_for(stream, top_n=top,
                                                include_intra_company=intra_company)  # fmt: skip
            except KeyError:
                raise CommandError(gettext("No active stream with reference %(ref)s")
                                   % {"ref": stream}) from None  # fmt: skip
        else:
            matches = engine.match_all(top_n=top, include_intra_company=intra_company)
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
