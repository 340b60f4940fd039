"""Streams: a side stream an organisation offers, or a need it has."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from symbiose.registry.models.organisation import DATA_SOURCES, Organisation
from symbiose.registry.validation import DEFAULT_SENSITIVE
from symbiose.taxonomy import ewc
from symbiose.taxonomy.categories import CATEGORIES as CATEGORY_SPECS

DIRECTIONS = [("offer", _("offer")), ("need", _("need"))]
#: From the one category specification (``taxonomy/categories.py``).
CATEGORIES = [(c.key, _(c.label)) for c in CATEGORY_SPECS]  # labels are N_-marked there
LEGAL_STATUSES = [
    ("waste", _("waste")),
    ("by-product", _("by-product")),
    ("end-of-waste", _("end-of-waste")),
    ("product", _("product")),
]
VISIBILITIES = [
    ("public", _("public: anyone")),
    ("members", _("members: signed-in users of verified organisations")),
    ("facilitator", _("facilitator: only facilitators and our organisation")),
]
PERIODS = [
    ("year", _("per year")),
    ("month", _("per month")),
    ("week", _("per week")),
    ("day", _("per day")),
    ("hour", _("per hour")),
    ("once", _("once")),
]
#: Fields an organisation may mark sensitive: hidden from everyone except its own members,
#: the facilitators of its hubs and a counterpart it has accepted. ``identity`` hides who owns
#: the stream: others see "an organisation in <municipality>" (see ``registry.access``).
SENSITIVE_FIELDS = [
    ("identity", _("identity (organisation name)")),
    ("quantity", _("quantity")),
    ("description", _("description")),
    ("location", _("location")),
    ("ewc_code", _("EWC code")),
    ("price", _("price")),
    ("composition", _("composition")),
    ("analysis", _("composition analysis (contents)")),
]
#: Sensitive fields a new stream starts with (``validation.DEFAULT_SENSITIVE``).
DEFAULT_SENSITIVE_FIELDS = DEFAULT_SENSITIVE


#: Sensitive-field lists that hide nothing but composition rows (``analysis``): what every
#: new stream starts with, and nothing that a list, a map, a score or a reason reads.
UNREAD_MARKS: tuple[list[str], ...] = ([], ["analysis"])


def default_sensitive_fields() -> list[str]:
    """A new list of :data:`DEFAULT_SENSITIVE_FIELDS` (the model field's default)."""
    return list(DEFAULT_SENSITIVE_FIELDS)


#: What happens to an offered stream today, or what a need uses today (blank: the default of
#: its material class). Impact values an exchange against it (``docs/impact-method.md``).
CURRENT_PRACTICES = [
    (_("What happens to the offer today"), [
        ("landfill", _("landfilled")),
        ("incineration", _("incinerated with energy recovery")),
        ("treatment", _("treated as hazardous waste")),
        ("sold", _("sold as fuel or product")),
        ("given_away", _("given away")),
        ("land_spreading", _("spread on land")),
        ("discharged", _("discharged")),
        ("vented", _("vented or flared")),
        ("unused", _("stored, with no use")),
    ]),
    (_("What the need uses today"), [
        ("virgin", _("we buy new material or product")),
        ("none", _("nothing: it would be a new use")),
        ("electricity", _("electricity")),
        ("natural_gas", _("natural gas")),
        ("fuel_oil", _("fuel oil")),
        ("heavy_fuel_oil", _("heavy fuel oil")),
        ("lpg", _("LPG")),
        ("wood_pellets", _("wood pellets")),
        ("district_heat", _("district heating")),
        ("petroleum_coke", _("petroleum coke")),
    ]),
]  # fmt: skip
#: How long a stream's data counts as fresh before its owner is asked to confirm it.
FRESHNESS = datetime.timedelta(days=365)


class StreamQuerySet(models.QuerySet):
    """Reads over streams that do not depend on who is asking."""

    def active(self) -> StreamQuerySet:
        return self.filter(archived_at__isnull=True)

    def offers(self) -> StreamQuerySet:
        return self.filter(direction="offer")

    def needs(self) -> StreamQuerySet:
        return self.filter(direction="need")

    def deposits(self) -> StreamQuerySet:
        """Deposits and landfills: streams holding a stock (``resources.Deposit``)."""
        return self.filter(deposit__isnull=False)

    def flows(self) -> StreamQuerySet:
        """Streams that are not deposits."""
        return self.filter(deposit__isnull=True)

    def stale(self, today: datetime.date | None = None) -> StreamQuerySet:
        """Streams not confirmed within the freshness period."""
        today = today or timezone.localdate()
        return self.filter(confirmed_at__lt=today - FRESHNESS)


class Stream(models.Model):
    """A side stream offered or a need stated by an organisation."""

    ref = models.CharField(_("reference"), max_length=80, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="streams")
    direction = models.CharField(_("direction"), max_length=10, choices=DIRECTIONS)
    category = models.CharField(_("category"), max_length=10, choices=CATEGORIES)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    composition = models.TextField(_("composition"), blank=True)
    ewc_code = models.CharField(_("EWC code"), max_length=6, blank=True)
    legal_status = models.CharField(
        _("legal status"), max_length=20, choices=LEGAL_STATUSES, blank=True
    )
    hazardous = models.BooleanField(_("hazardous"), default=False)
    accepts_hazardous = models.BooleanField(
        _("accepts hazardous material (permitted receiver)"), default=False
    )
    quantity = models.FloatField(_("quantity"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=8, blank=True)
    period = models.CharField(_("period"), max_length=8, choices=PERIODS, default="year")
    annual_quantity = models.FloatField(_("annual quantity"), null=True, blank=True)
    annual_unit = models.CharField(_("annual unit"), max_length=10, blank=True)
    temperature_c = models.FloatField(_("temperature (°C)"), null=True, blank=True)
    crm = models.JSONField(_("critical raw materials"), default=list, blank=True)
    price_nok_per_unit = models.FloatField(
        _("price (NOK per unit; negative = disposal cost)"), null=True, blank=True
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_to = models.DateField(_("available to"), null=True, blank=True)
    lat = models.FloatField(_("site latitude"), null=True, blank=True)
    lon = models.FloatField(_("site longitude"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=VISIBILITIES, default="members"
    )
    sensitive_fields = models.JSONField(
        _("sensitive fields"), default=default_sensitive_fields, blank=True
    )
    confirmed_at = models.DateField(_("confirmed at"), default=timezone.localdate)
    #: The freshness date shown to everyone but insiders: moves only on a confirmation or a
    #: change to a field no viewer is denied (``registry/freshness.py``).
    shared_confirmed_at = models.DateField(_("confirmed at (shared)"), default=timezone.localdate)
    data_source = models.CharField(
        _("data source"), max_length=20, choices=DATA_SOURCES, default="self"
    )
    current_practice = models.CharField(
        _("what happens to it today"), max_length=20, blank=True, choices=CURRENT_PRACTICES
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: Whether the stream marks a field beyond those of :data:`UNREAD_MARKS`, kept by the
    #: database itself on every write (bulk ones too), so that the few streams hiding
    #: something from someone are found through an index, never by reading every stream.
    marks_sensitive = models.GeneratedField(
        expression=models.Case(
            models.When(sensitive_fields__in=UNREAD_MARKS, then=models.Value(False)),
            default=models.Value(True),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )

    objects = StreamQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "title"]
        indexes = [
            models.Index(fields=["direction", "category"]),
            # Only the rows some viewer may be refused, wholly or in part: pages find those
            # through these (``registry.access.unseen_stream_parts``, ``facilitation/ranking.py``)
            # instead of reading every stream, and a public, active, plain row costs nothing.
            models.Index(fields=["visibility"], condition=~models.Q(visibility="public"),
                         name="stream_not_public"),
            models.Index(fields=["archived_at"], condition=models.Q(archived_at__isnull=False),
                         name="stream_archived"),
            models.Index(fields=["marks_sensitive"], condition=models.Q(marks_sensitive=True),
                         name="stream_marks_sensitive"),
            # An organisation's streams with their last write, read from the index alone:
            # the stamp of figures a web process keeps for a hub (``facilitation.shared``).
            models.Index(fields=["organisation", "updated_at"], name="stream_org_updated"),
        ]  # fmt: skip
        verbose_name = _("stream")
        verbose_name_plural = _("streams")

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.title}"

    @property
    def point(self) -> tuple[float, float] | None:
        """Where the stream is: its own site, else its organisation's location."""
        if self.lat is not None and self.lon is not None:
            return (self.lat, self.lon)
        org = self.organisation
        return (org.lat, org.lon) if org.has_location else None

    @property
    def ewc_display(self) -> str:
        """The EWC code as people write it ("10 01 05", "16 11 01*")."""
        return ewc.spaced(self.ewc_code, hazardous=self.hazardous)

    def is_sensitive(self, field: str) -> bool:
        return field in (self.sensitive_fields or [])

    def is_stale(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.confirmed_at < today - FRESHNESS


class Disclosure(models.Model):
    """A record that an organisation revealed a stream's sensitive fields to a counterpart."""

    stream = models.ForeignKey(Stream, on_delete=models.CASCADE, related_name="disclosures")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="disclosures_received"
    )
    fields = models.JSONField(default=list)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")

    def __str__(self) -> str:
        return f"{self.stream.ref} -> {self.organisation.ref}: {', '.join(self.fields)}"
