"""Workshops ("haves and wants"): invited organisations and the streams captured there."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from symbiose.facilitation.models.hub import Hub


class Workshop(models.Model):
    """A "haves and wants" workshop; its follow-up work is in ``FollowUpTask`` rows."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    invited = models.ManyToManyField(
        "registry.Organisation", related_name="workshops", blank=True, verbose_name=_("invited")
    )
    streams = models.ManyToManyField("registry.Stream", related_name="workshops", blank=True)
    next_steps = models.TextField(
        _("next steps for participants"),
        blank=True,
        help_text=_("Printed on the match sheets. Tasks for facilitators are follow-up tasks."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return self.title
