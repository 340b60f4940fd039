"""Saved searches, watches and the notifications they raise.

* :class:`SavedSearch` — a user's named search (its checked query parameters), run again from
  a list. (Not ``matching.SavedSearch``, which is the older per-stream match alert.)
* :class:`Watch` — "tell me when …": a material class, a critical raw material, a saved search
  or one stream, optionally with a threshold on quantity, price or content.
* :class:`WatchSeen` — what the watcher could see of a stream at the last check (only visible
  values), so a change is noticed by comparing visible snapshots: a change of a hidden field
  leaves the snapshot equal and raises nothing.
* :class:`Notification` — one event for one user, listed in the app (read or unread) and sent
  by e-mail through the outbox.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from symbiose.registry.models import Stream


class SavedSearch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="search_saved"
    )
    name = models.CharField(gettext_lazy("name"), max_length=100)
    query = models.JSONField(gettext_lazy("filters"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="search_saved_unique_name")
        ]
        verbose_name = gettext_lazy("saved search")
        verbose_name_plural = gettext_lazy("saved searches")

    def __str__(self) -> str:
        return self.name


WATCH_KINDS = [
    ("material", gettext_lazy("a material class")),
    ("crm", gettext_lazy("a raw material on the EU critical list")),
    ("search", gettext_lazy("a saved search")),
    ("stream", gettext_lazy("a stream")),
]
THRESHOLD_FIELDS = [
    ("quantity", gettext_lazy("quantity per year")),
    ("price", gettext_lazy("price (NOK per unit)")),
    ("content", gettext_lazy("content of an element")),
]
THRESHOLD_OPS = [("above", gettext_lazy("rises above")), ("below", gettext_lazy("falls below"))]


class Watch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="search_watches"
    )
    kind = models.CharField(gettext_lazy("what"), max_length=10, choices=WATCH_KINDS)
    material = models.CharField(gettext_lazy("material class"), max_length=60, blank=True)
    crm = models.CharField(
        gettext_lazy("raw material (EU critical list)"), max_length=60, blank=True
    )
    saved_search = models.ForeignKey(
        SavedSearch, null=True, blank=True, on_delete=models.CASCADE, related_name="watches"
    )
    stream = models.ForeignKey(
        Stream, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    threshold_field = models.CharField(
        gettext_lazy("threshold on"), max_length=10, choices=THRESHOLD_FIELDS, blank=True
    )
    threshold_op = models.CharField(max_length=5, choices=THRESHOLD_OPS, blank=True)
    threshold_value = models.FloatField(null=True, blank=True)
    threshold_unit = models.CharField(max_length=10, blank=True)
    #: The element whose content a ``content`` threshold reads (its symbol, e.g. ``Ga``).
    threshold_element = models.CharField(max_length=3, blank=True)
    #: False until the first check has recorded what the watcher sees (it raises nothing).
    baseline_done = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("watch")
        verbose_name_plural = gettext_lazy("watches")

    def __str__(self) -> str:
        return f"{self.user} watches {self.kind}"


class WatchSeen(models.Model):
    watch = models.ForeignKey(Watch, on_delete=models.CASCADE, related_name="seen")
    stream = models.ForeignKey(Stream, on_delete=models.CASCADE, related_name="+")
    fits = models.BooleanField(default=False)
    snapshot = models.JSONField(default=dict)
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["watch", "stream"], name="search_seen_unique")
        ]

    def __str__(self) -> str:
        return f"watch {self.watch_id} saw stream {self.stream_id}"


NOTIFICATION_KINDS = [
    ("new", gettext_lazy("new stream")),
    ("changed", gettext_lazy("stream changed")),
    ("threshold", gettext_lazy("threshold crossed")),
    ("composition", gettext_lazy("composition changed")),
]


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="search_notifications"
    )
    watch = models.ForeignKey(
        Watch, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=NOTIFICATION_KINDS)
    stream_ref = models.CharField(max_length=80)
    #: The title and values as the user could see them when the event happened.
    stream_title = models.CharField(max_length=200)
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "read_at"], name="search_notif_unread")]
        verbose_name = gettext_lazy("notification")
        verbose_name_plural = gettext_lazy("notifications")

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.stream_ref}"

    def message(self) -> str:
        """The event as a sentence in the current language."""
        title = self.stream_title
        if self.kind == "new":
            return _("“{title}” now fits what you watch.").format(title=title)
        if self.kind == "threshold":
            field = dict(THRESHOLD_FIELDS).get(self.params.get("field"), "")
            if self.params.get("element"):
                field = _("content of {element}").format(element=self.params["element"])
            return _("“{title}”: {field} {op} {value}.").format(
                title=title,
                field=field,
                op=dict(THRESHOLD_OPS).get(self.params.get("op"), ""),
                value=threshold_text(self.params.get("threshold"), self.params.get("unit")),
            )
        if self.kind == "composition":
            return _("“{title}”: the composition changed.").format(title=title)
        fields = ", ".join(str(CHANGE_LABELS.get(f, f)) for f in self.params.get("fields", []))
        return _("“{title}” changed: {fields}.").format(title=title, fields=fields)


def threshold_text(value: float | None, unit: str | None) -> str:
    """A threshold as people read it: "50 000 MWh/år", "-200 kr per enhet"."""
    from django.contrib.humanize.templatetags.humanize import intcomma

    from symbiose.registry.unit_labels import unit_label

    if value is None:
        return ""
    number = intcomma(int(value)) if float(value).is_integer() else intcomma(value)
    label = (unit if unit in CONTENT_UNITS else unit_label(unit)) if unit else _("NOK per unit")
    return f"{number} {label}"


#: Names of the visible values a change notice lists.
CHANGE_LABELS = {
    "title": gettext_lazy("title"),
    "description": gettext_lazy("description"),
    "quantity": gettext_lazy("quantity"),
    "price": gettext_lazy("price"),
    "ewc_code": gettext_lazy("EWC code"),
    "location": gettext_lazy("location"),
    "availability": gettext_lazy("availability"),
    "legal_status": gettext_lazy("legal status"),
    "temperature": gettext_lazy("temperature"),
    "composition": gettext_lazy("composition"),
}
#: Units a content threshold is given in (as on composition rows).
CONTENT_UNITS = ("%", "ppm", "g/t")
