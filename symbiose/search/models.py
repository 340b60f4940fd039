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


class StreamKey(models.OneToOneField):
    """A one-to-one key to a stream that is the row's own id: on SQLite its column is an
    ``integer`` primary key, the table's rowid, so reading a stream's row is one lookup in
    stream order (a ``bigint`` key would add an index search per row: 8× slower at 100 000
    streams, ``docs/benchmarks.md``)."""

    def db_type(self, connection):  # noqa: ANN001, ANN201 (Django's signature)
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class StreamIndex(models.Model):
    """What the search filters and sorts read of one stream, stored so the database can
    decide them (issue 18: search at 100 000 streams). Written by ``search.index``.

    Two audiences, two columns each: ``*_all`` is what the stream's insiders see (its own
    organisation, the facilitators of its hubs, admins: every field), ``*_shared`` what
    everyone else sees (every sensitive field hidden: a hidden value is empty or ``NULL``,
    never the true value). A viewer to whom some fields were disclosed, and a stream whose
    row is missing or out of date, are tested row by row instead, so this table is a cache:
    a row counts only while ``stream_updated_at``, ``organisation_updated_at`` and
    ``sensitive_fields`` equal the stream's and ``knowledge`` the running taxonomy's
    (``search.index.current``), and a hide toggle
    that bypasses every hook still never lets a hidden value match.
    """

    stream = StreamKey(
        Stream, on_delete=models.CASCADE, primary_key=True, related_name="search_index"
    )
    stream_updated_at = models.DateTimeField()
    organisation_updated_at = models.DateTimeField()
    sensitive_fields = models.JSONField(default=list)
    #: ``search.index.knowledge_version()`` when built: the taxonomy's words, classes and
    #: rules the word and class columns were read with. A deploy that changes them makes
    #: every row out of date (``migrate`` rewrites them; until then the search tests row by
    #: row), so a stored column never answers with last version's reading.
    knowledge = models.CharField(max_length=12, default="", db_index=True)
    #: ``title.casefold()``: the title order, compared by code point on every database.
    title_key = models.TextField()
    #: Folded words of the title, description, composition and the owner's name as the
    #: audience sees them, between spaces (" a b "): a word matches a token it starts.
    words_all = models.TextField()
    words_shared = models.TextField()
    #: How the owner is named to outsiders: 0 by name, 1 "an organisation in <municipality>"
    #: (the municipality's words are in ``words_shared``), 2 "an organisation".
    anonymous_shared = models.PositiveSmallIntegerField(default=0)
    #: Material classes with their ancestors, between spaces (" slag metal ").
    classes_all = models.TextField()
    classes_shared = models.TextField()
    ewc_all = models.CharField(max_length=6, blank=True)
    ewc_shared = models.CharField(max_length=6, blank=True)
    #: Critical raw materials the audience may see the stream hold, between spaces: its tags
    #: (hidden with ``composition``) and those with an element in its visible composition rows.
    crm_all = models.TextField()
    crm_shared = models.TextField()
    #: Element symbols, lower case, of the composition rows the audience may see, between
    #: spaces (" ga mn o "); none while the analysis is hidden from it.
    elements_all = models.TextField(default="")
    elements_shared = models.TextField(default="")
    #: The composition rows the columns were built from: how many, and the highest id (ids
    #: are never reused). The raw-material and element filters trust a row only while both
    #: still match (``search.index.composition_current``): rows are not stamped by the stream.
    composition_rows = models.PositiveIntegerField(default=0)
    composition_last = models.BigIntegerField(default=0)
    quantity_all = models.FloatField(null=True)
    quantity_shared = models.FloatField(null=True)
    unit_all = models.CharField(max_length=10, blank=True)
    unit_shared = models.CharField(max_length=10, blank=True)
    #: The place a distance is measured from: the site (or the organisation's), and for
    #: outsiders of a hidden location its grid cell's centre (``coarse_shared``).
    lat_all = models.FloatField(null=True)
    lon_all = models.FloatField(null=True)
    lat_shared = models.FloatField(null=True)
    lon_shared = models.FloatField(null=True)
    coarse_shared = models.BooleanField(default=False)
    #: The visible municipality as the municipality list names it, and its county number.
    place_all = models.CharField(max_length=100, blank=True)
    place_shared = models.CharField(max_length=100, blank=True)
    county_all = models.CharField(max_length=4, blank=True)
    county_shared = models.CharField(max_length=4, blank=True)

    class Meta:
        verbose_name = gettext_lazy("search index row")
        verbose_name_plural = gettext_lazy("search index rows")

    def __str__(self) -> str:
        return f"search index of stream {self.stream_id}"


class WordKey(models.CharField):
    """A folded word (``[a-z0-9]``), compared by code point on every database. Only the
    historical migration ``search.0006`` (the word table ``search.0008`` removed) uses it."""

    def db_parameters(self, connection):  # noqa: ANN001, ANN201 (Django's signature)
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


class StaleMark(models.Model):
    """A stream whose search index row may be missing or out of date, marked by the database
    itself (triggers of migration ``search.0007``): a stream inserted, a stream whose
    ``updated_at``, ``sensitive_fields`` or organisation changed, a stream of an
    organisation whose ``updated_at`` changed, and a stream whose index row was deleted, by
    any write, hooks or none. The index writer removes the marks of the rows it leaves
    current. So a word search, which reads the current rows through the word index, finds
    the streams it must test row by row among these few, not by comparing every row's
    stamps; a row is still read only while ``search.index.current`` holds."""

    stream_id = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = gettext_lazy("search index mark")
        verbose_name_plural = gettext_lazy("search index marks")

    def __str__(self) -> str:
        return f"stream {self.stream_id} to index"
