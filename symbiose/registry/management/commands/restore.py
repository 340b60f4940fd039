"""``symbiose restore FILE``: replace the database's rows with a backup's, all or nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from symbiose.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `symbiose backup` into this (migrated) database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="a backup file written by symbiose backup")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the users, organisations and everything else already in the database",
        )

    def handle(self, *args, file, replace, **options):
        try:
            summary = restore_backup(file, replace=replace)
        except BackupError as err:
            raise CommandError(str(err)) from None
        self.stdout.write(
            _("Restored %(path)s: %(rows)d rows, %(files)d files.")
            % {"path": summary.path, "rows": sum(summary.rows.values()), "files": summary.files}
        )
