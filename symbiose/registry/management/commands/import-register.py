"""``symbiose import-register FILE``: load Enhetsregisteret's bulk file (JSON or CSV) offline."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from symbiose.registry.actions import do_load_register
from symbiose.registry.importers.register import RegisterFormatError, read_entries
from symbiose.registry.management.commands._common import translate


class Command(BaseCommand):
    help = (
        "Load the public bulk file of Enhetsregisteret (enheter_alle.json(.gz) or .csv(.gz)) "
        "so sign-up and the organisation form can fill in data from an organisation number."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the bulk file as downloaded")

    def handle(self, *args, file, **options):
        if not file.exists():
            raise CommandError(_("File not found: %(path)s") % {"path": file})
        try:
            count = do_load_register(read_entries(file), acting_user=None, source=file.name)
        except RegisterFormatError as err:
            raise CommandError(f"{file}: {translate(err.args[0])}") from None
        self.stdout.write(
            _("Loaded %(count)d entities from %(path)s.") % {"count": count, "path": file}
        )
