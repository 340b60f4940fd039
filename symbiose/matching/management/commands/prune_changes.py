"""``symbiose prune_changes``: delete the change log entries no engine replays any more."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from symbiose.matching.actions import do_prune_changes
from symbiose.matching.models import MatchState


class Command(BaseCommand):
    help = _(
        "Delete the matching change log entries handled up to the last full recompute "
        "(every recompute does this too)."
    )

    def handle(self, *args, **options):
        deleted = do_prune_changes()
        self.stdout.write(
            gettext("Deleted %(count)d handled changes up to pass %(pass)d.")
            % {"count": deleted, "pass": MatchState.current().recomputed_pass}
        )
