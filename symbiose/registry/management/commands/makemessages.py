"""``symbiose makemessages``: Django's, also collecting ``N_("…")`` from the pure packages."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
