"""Follow-up tasks: the work a facilitator owes after a workshop, one row per task."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from symbiose.facilitation.models.hub import Hub
from symbiose.facilitation.models.opportunity import Opportunity
from symbiose.facilitation.models.workshop import Workshop

TASK_KINDS = [
    ("sheet", _("send the match sheet and confirm data")),
    ("match", _("follow up a match")),
    ("other", _("other task")),
]
TASK_STATUSES = [("open", _("open")), ("done", _("done"))]


class FollowUpTask(models.Model):
    """One follow-up task in a hub, usually generated from a workshop's captured data.

    A generated task carries a ``key`` (``sheet:<workshop>:<organisation>`` or
    ``match:<offer>|<need>``) so generating again never makes a duplicate; its wording is
    built when shown, in the reader's language, from ``kind`` and the linked rows.
    """

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("hub")
    )
    workshop = models.ForeignKey(
        Workshop,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("workshop"),
    )
    opportunity = models.ForeignKey(
        Opportunity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=_("opportunity"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_up_tasks",
        verbose_name=_("organisation"),
    )
    offer = models.ForeignKey(
        "registry.Stream", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    need = models.ForeignKey(
        "registry.Stream", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=TASK_KINDS, default="other")
    key = models.CharField(max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_tasks",
        verbose_name=_("assigned to"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TASK_STATUSES, default="open")
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-status", models.F("due_date").asc(nulls_last=True), "id"]  # open first
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "key"], condition=~Q(key=""), name="unique_task_key"
            )
        ]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")

    def __str__(self) -> str:
        return self.label()

    def label(self) -> str:
        """What to do, in the active language."""
        if self.kind == "sheet" and self.organisation_id:
            return gettext("Send the match sheet and confirm the data with {organisation}").format(
                organisation=self.organisation.name
            )
        if self.kind == "match" and self.offer_id and self.need_id:
            return gettext("Follow up the match {offer} ({supplier}) → {need} ({receiver})").format(
                offer=self.offer.title,
                supplier=self.offer.organisation.name,
                need=self.need.title,
                receiver=self.need.organisation.name,
            )
        return self.title

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return self.status == "open" and self.due_date is not None and self.due_date < today
