"""``symbiose backup FILE``: write every row of the database and the uploaded files to FILE."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from symbiose.backup import write_backup


class Command(BaseCommand):
    help = "Back up the whole database (all apps) and uploaded files into one ZIP file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the backup file to write, e.g. symbiose.zip")

    def handle(self, *args, file, **options):
        summary = write_backup(file)
        total = sum(summary.rows.values())
        self.stdout.write(
            _("Wrote %(path)s: %(rows)d rows, %(files)d files.")
            % {"path": summary.path, "rows": total, "files": summary.files}
        )
