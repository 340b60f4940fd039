"""Resource models: what a stream or deposit contains, deposits as stocks, and competences.

* :class:`CompositionRow` — one measured or estimated content of an element or compound in a
  stream (a deposit is a stream too). Hidden by the stream's sensitive field ``analysis``,
  which new streams start with (``registry.models.stream.DEFAULT_SENSITIVE_FIELDS``).
* :class:`Deposit` — makes a stream a deposit or landfill: a stock of tonnes rather than a
  flow. Why a stream and not a model of its own: a deposit needs everything a stream already
  has and has proven — visibility, sensitive fields and disclosures, redaction in pages, API,
  exports and maps, composition, matching (as a one-off lot, ``period="once"``), search and
  regional totals. A separate model would need its own copy of each confidentiality rule.
  Only what a flow does not have lives here.
* :class:`Competence` — what an organisation (typically a research institute or university)
  can do: a process, a recovery technology, a test facility, with its TRL. Competences are
  published on purpose: anyone may see them with the organisation's name.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from symbiose.registry.models import Organisation, Stream

#: Units of content. ``ppm`` and ``g/t`` are the same by mass (1e-6); both are kept because
#: laboratories report either.
CONTENT_UNITS = [("%", _("% (by mass)")), ("ppm", _("ppm")), ("g/t", _("g per t"))]
#: Mass fraction of one unit of content.
UNIT_FRACTION = {"%": 1e-2, "ppm": 1e-6, "g/t": 1e-6}
ANALYSIS_METHODS = [
    ("xrf", _("XRF")),
    ("icp", _("ICP-MS or ICP-OES")),
    ("aas", _("AAS")),
    ("xrd", _("XRD (phases)")),
    ("wet", _("wet chemistry")),
    ("lab", _("other laboratory analysis")),
    ("calculated", _("calculated (mass balance)")),
    ("estimate", _("estimate")),
]
DEPOSIT_KINDS = [
    ("deposit", _("deposit (slag heap, tailings, stockpile)")),
    ("landfill", _("landfill")),
]
DEPOSIT_SETTINGS = [("onshore", _("onshore")), ("offshore", _("offshore"))]
ACCESSIBILITY = [
    ("open", _("open: can be excavated")),
    ("covered", _("covered or capped")),
    ("built_over", _("built over")),
    ("submerged", _("under water")),
    ("unknown", _("not known")),
]
PERMIT_STATUSES = [
    ("not_needed", _("no permit needed")),
    ("needed", _("permit needed, not applied for")),
    ("applied", _("applied for")),
    ("granted", _("granted")),
    ("unknown", _("not known")),
]
COMPETENCE_KINDS = [
    ("process", _("process")),
    ("recovery", _("recovery technology")),
    ("test_facility", _("test facility")),
]


class CompositionRow(models.Model):
    """One content of an element (``Ga``) or compound (``Al2O3``) in a stream."""

    stream = models.ForeignKey(Stream, on_delete=models.CASCADE, related_name="composition_rows")
    substance = models.CharField(_("element or compound"), max_length=40)
    content = models.FloatField(_("content"))
    unit = models.CharField(_("unit"), max_length=4, choices=CONTENT_UNITS)
    analysed_on = models.DateField(_("analysis date"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=12, choices=ANALYSIS_METHODS, blank=True)

    class Meta:
        ordering = ["stream_id", "id"]
        indexes = [models.Index(fields=["substance"])]
        verbose_name = _("composition row")
        verbose_name_plural = _("composition rows")

    def __str__(self) -> str:
        return f"{self.substance} {self.content:g} {self.unit}"

    @property
    def mass_fraction(self) -> float:
        """The content as a mass fraction (0.05 for 5 %)."""
        return self.content * UNIT_FRACTION[self.unit]

    @property
    def is_estimate(self) -> bool:
        return self.method == "estimate"


class Deposit(models.Model):
    """What makes a stream a deposit or landfill (a stock): see the module docstring.

    Tonnes are the stream's ``quantity`` in ``t`` with ``period="once"``; material, location
    and composition are the stream's. ``owner`` is hidden with the stream's identity.
    """

    stream = models.OneToOneField(
        Stream, on_delete=models.CASCADE, related_name="deposit", primary_key=True
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DEPOSIT_KINDS, default="deposit")
    setting = models.CharField(
        _("onshore or offshore"), max_length=10, choices=DEPOSIT_SETTINGS, default="onshore"
    )
    accessibility = models.CharField(
        _("accessibility"), max_length=12, choices=ACCESSIBILITY, default="unknown"
    )
    permit_status = models.CharField(
        _("permit status"), max_length=12, choices=PERMIT_STATUSES, default="unknown"
    )
    owner = models.CharField(
        _("owner (if not the registering organisation)"), max_length=200, blank=True
    )
    source = models.CharField(_("where the data comes from"), max_length=300, blank=True)
    tonnes_estimated = models.BooleanField(_("the tonnage is an estimate"), default=True)

    class Meta:
        verbose_name = _("deposit or landfill")
        verbose_name_plural = _("deposits and landfills")

    def __str__(self) -> str:
        return str(self.stream)


class Competence(models.Model):
    """Something an organisation can do for a side stream: process, technology, facility."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="competences"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=COMPETENCE_KINDS)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    #: Id in the technology catalogue (``resources/data/technologies.csv``), or blank.
    technology = models.CharField(_("technology"), max_length=60, blank=True)
    #: Material class ids (``taxonomy/data/materials.json``) the competence applies to.
    material_classes = models.JSONField(_("material classes"), default=list, blank=True)
    #: CRM ids (``taxonomy/data/crm.csv``) the competence can recover or handle.
    crm = models.JSONField(_("critical raw materials"), default=list, blank=True)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level (TRL)"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name", "kind", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trl__isnull=True) | models.Q(trl__gte=1, trl__lte=9),
                name="competence_trl_1_to_9",
            )
        ]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.title}"
