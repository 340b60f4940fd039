"""Contact requests between two organisations about a match, and the messages they exchange.

Before the other side accepts, a request is anonymous: the receiver sees neither who asks nor
anything the requester's stream hides. On acceptance each side's chosen fields are disclosed
(recorded as :class:`~symbiose.registry.models.Disclosure` rows) and both see each other's
identity. Writes live in ``contact/actions.py``; reads in ``contact/access.py``.

The tables keep the names they had in the matching app (``db_table``): the models moved,
the rows did not (migrations ``matching/0005`` and ``contact/0001``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from symbiose.matching.engine.scale import ALERT_MIN_SCORE
from symbiose.registry.models import Organisation, Request, Stream


class ContactRequest(Request):
    """One organisation asks to be put in touch with another about a pair of streams.

    Who answered and when keep their old column names (``answered_by_id``, ``answered_at``).
    """

    requester_stream = models.ForeignKey(Stream, on_delete=models.CASCADE, related_name="+")
    target_stream = models.ForeignKey(Stream, on_delete=models.CASCADE, related_name="+")
    requester_org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    target_org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_column="answered_by_id",
    )
    note = models.TextField(_("note"), blank=True)
    requester_fields = models.JSONField(_("fields the requester reveals"), default=list)
    target_fields = models.JSONField(_("fields the receiver reveals"), default=list)
    requester_phone = models.CharField(_("requester's phone"), max_length=30, blank=True)
    target_phone = models.CharField(_("receiver's phone"), max_length=30, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True, db_column="answered_at")

    class Meta:
        db_table = "matching_contactrequest"
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")

    def __str__(self) -> str:
        return f"{self.requester_stream.ref} -> {self.target_stream.ref} ({self.status})"


class Message(models.Model):
    """A message in an accepted contact request."""

    request = models.ForeignKey(ContactRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "matching_message"
        ordering = ["created_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.author_org} @ {self.created_at:%Y-%m-%d %H:%M}"


class SavedSearch(models.Model):
    """An alert: e-mail the user when a new stream matches one of their streams."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stream = models.ForeignKey(Stream, on_delete=models.CASCADE, related_name="+")
    #: Read as ``matching.engine.scale.attention_score`` (a missing place counts as neutral).
    min_score = models.FloatField(_("minimum score"), default=ALERT_MIN_SCORE)
    max_km = models.FloatField(_("maximum distance (km)"), null=True, blank=True)
    feasible_only = models.BooleanField(_("feasible only"), default=True)
    notified_refs = models.JSONField(default=list)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "matching_savedsearch"
        constraints = [
            models.UniqueConstraint(fields=["user", "stream"], name="unique_saved_search")
        ]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self) -> str:
        return f"{self.user} <- {self.stream.ref}"
