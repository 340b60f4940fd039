"""``symbiose allocate``: the network view — which matches the best allocation keeps."""

from __future__ import annotations

import json
from dataclasses import asdict

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from symbiose.impact.network import OBJECTIVES, allocate_network


class Command(BaseCommand):
    help = "Allocate limited supply across competing needs (linear program, HiGHS)."

    def add_arguments(self, parser):
        parser.add_argument("--objective", choices=OBJECTIVES, default="score",
                            help="maximise total match score or total CO2e avoided")  # fmt: skip
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, objective, format, **options):
        result = allocate_network(objective=objective)
        if format == "json":
            self.stdout.write(json.dumps(asdict(result), indent=1))
            return
        self.stdout.write(_("Objective: %(o)s; status: %(s)s; kept %(k)d of %(n)d pairs") % {
            "o": objective, "s": result.status, "k": len(result.kept),
            "n": len(result.kept) + len(result.dropped)})  # fmt: skip
        if result.one_off:
            self.stdout.write(_("Left out, as a side is a one-off lot and not a yearly flow: "
                                "%(n)d pairs") % {"n": len(result.one_off)})  # fmt: skip
        for row in result.kept:
            self.stdout.write(f"  {row['offer']:28} -> {row['need']:28} "
                              f"{row['flow']:>12,.1f} {row['unit']}")  # fmt: skip
