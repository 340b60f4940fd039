"""``symbiose export DIR``: write the listing template (and GeoJSON) for the whole registry."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from symbiose.registry.exporters import write_geojson, write_template


class Command(BaseCommand):
    help = "Export organisations and streams in the listing template, plus organisations.geojson."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--as-user",
            dest="as_user",
            default=None,
            help="export only what this user (e-mail) may see",
        )

    def handle(self, *args, folder, format, as_user, **options):
        viewer = None
        if as_user:
            viewer = get_user_model().objects.filter(email__iexact=as_user).first()
            if viewer is None:
                raise CommandError(_("No user with e-mail %(email)s") % {"email": as_user})
        written = write_template(folder, viewer=viewer, fmt=format)
        written.append(write_geojson(folder / "organisations.geojson", viewer))
        for path in written:
            self.stdout.write(str(path))
