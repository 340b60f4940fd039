"""``symbiose evaluate DIR``: measure the engine against documented exchanges.

DIR holds the listing template (``organisations.csv``, ``streams.csv``) and ``truth.csv``
(``offer_ref,need_ref,source``). The set is imported into a temporary SQLite database (a
subprocess with its own ``DATABASE_URL``), so the real registry is never touched, then ranked
through the same adapter the product uses, by the engine and by a text-and-distance baseline.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from symbiose.matching.engine.evaluation import evaluate_rankers


class Command(BaseCommand):
    help = "Recall@1, recall@5 and MRR of the engine and a baseline on an evaluation set."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument(
            "--in-this-database",
            action="store_true",
            help="internal: import into the current database (a temporary one)",
        )

    def handle(self, *args, folder, format, in_this_database, **options):
        truth_path = folder / "truth.csv"
        if not truth_path.exists():
            raise CommandError(_("%(path)s not found") % {"path": truth_path})
        if not in_this_database:
            self.stdout.write(_run_in_temporary_database(folder, format))
            return
        from symbiose.matching.adapter import stream_input
        from symbiose.registry.importers.listing import apply_import, plan_import
        from symbiose.registry.importers.sources import read_paths
        from symbiose.registry.management.commands._common import translate
        from symbiose.registry.models import Stream

        plan = plan_import(read_paths([folder]), nace_revision="2.1")
        if not plan.ok:
            raise CommandError("\n".join(p.render(translate) for p in plan.problems))
        apply_import(plan, acting_user=None)
        with truth_path.open(encoding="utf-8") as fh:
            truth = [(r["offer_ref"], r["need_ref"]) for r in csv.DictReader(fh)]
        streams = [stream_input(s) for s in Stream.objects.active().select_related("organisation")]
        result = evaluate_rankers(streams, truth)
        if format == "json":
            self.stdout.write(json.dumps(result, indent=1))
            return
        self.stdout.write(_("%(streams)d streams, %(pairs)d true pairs")
                          % {"streams": len(streams), "pairs": len(truth)})  # fmt: skip
        self.stdout.write(f"{'ranker':9} {'side':5} {'recall@1':>9} {'recall@5':>9} {'MRR':>7}")
        for ranker, sides in result.items():
            for side, m in sides.items():
                self.stdout.write(f"{ranker:9} {side:5} {m['recall@1']:9.3f} "
                                  f"{m['recall@5']:9.3f} {m['mrr']:7.3f}")  # fmt: skip


def _run_in_temporary_database(folder: Path, fmt: str) -> str:
    with tempfile.TemporaryDirectory(prefix="symbiose-eval-") as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/evaluation.sqlite3",
               "SYMBIOSE_DATA_DIR": tmp, "SYMBIOSE_MATCH_ON_SAVE": "0"}  # fmt: skip
        cli = [sys.executable, "-m", "symbiose.cli"]
        for step in (
            ["migrate", "--no-input", "-v", "0"],
            ["evaluate", str(folder.resolve()), "--in-this-database", "--format", fmt],
        ):
            done = subprocess.run(cli + step, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise CommandError(done.stderr.strip() or done.stdout.strip())
        return done.stdout.rstrip("\n")
