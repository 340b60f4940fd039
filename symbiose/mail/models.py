"""The outbox: every e-mail the platform sends is a row first, then a delivery task.

A row is written in the transaction of the action that wants the mail sent, so a rolled-back
action sends nothing and a committed one is never lost. A worker *claims* a row (a conditional
update from ``pending`` to ``sending``) before it talks to the mail server, so two workers
never send the same row; a failure is logged and retried later, up to ``MAX_ATTEMPTS``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_ATTEMPTS = 5


class OutgoingMail(models.Model):
    STATUSES = [
        ("pending", _("waiting to be sent")),
        ("sending", _("being sent")),
        ("sent", _("sent")),
        ("failed", _("failed")),
    ]

    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    status = models.CharField(_("status"), max_length=8, choices=STATUSES, default="pending")
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "claimed_at"], name="outbox_status")]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return f"{self.subject} -> {', '.join(self.to)} ({self.status})"
