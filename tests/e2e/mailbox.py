"""The sign-up link from the e-mail a journey's sign-up queued (Django's test outbox)."""

from __future__ import annotations

import re

from django.core import mail

from tests.workers import drain


def sign_up_link(email: str) -> str:
    """Deliver queued mail, then return the link in the newest sign-up e-mail to ``email``."""
    drain()
    for message in reversed(mail.outbox):
        found = re.search(r"https?://\S+/accounts/signup/\S+/", message.body)
        if email in message.to and found:
            return found.group(0)
    raise AssertionError(f"no sign-up e-mail to {email}")
