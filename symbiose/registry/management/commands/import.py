"""``symbiose import PATH…``: load the listing template (CSV files, a folder or an XLSX)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from symbiose.registry.importers.listing import (
    apply_import,
    as_notes,
    from_source_problems,
    plan_import,
)
from symbiose.registry.importers.sources import SourceError, read_paths
from symbiose.registry.management.commands._common import translate


class Command(BaseCommand):
    help = "Import organisations and streams from the listing template (upsert by ref)."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            type=Path,
            help="organisations.csv, streams.csv, a folder with them, or a .xlsx",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and show what would change, write nothing"
        )
        parser.add_argument(
            "--source", default="imported", choices=["imported", "facilitator", "self"]
        )

    def handle(self, *args, paths, dry_run, source, **options):
        notices = []
        try:
            plan = plan_import(read_paths(paths, notices))
        except SourceError as err:
            plan = from_source_problems(err.problems)
        for note in as_notes(notices) + plan.notes:
            self.stdout.write(note.render(translate))
        if not plan.ok:
            for problem in plan.problems:
                self.stderr.write(problem.render(translate))
            raise CommandError(
                _("%(count)d problem(s) found; nothing was imported.")
                % {"count": len(plan.problems)}
            )
        summary = {
            sheet: {a: plan.count(sheet, a) for a in ("create", "update", "unchanged")}
            for sheet in ("organisations", "streams")
        }
        if dry_run:
            self.stdout.write(_("Dry run, nothing written: %(summary)s") % {"summary": summary})
            return
        apply_import(plan, acting_user=None, data_source=source)
        for sheet, counts in summary.items():
            self.stdout.write(
                _("%(sheet)s: %(create)d created, %(update)d updated, %(unchanged)d unchanged")
                % {"sheet": sheet, **counts}
            )
