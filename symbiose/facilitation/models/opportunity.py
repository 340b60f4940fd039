"""Opportunities (synergies), their phase checklists, readiness assessments and notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from symbiose.facilitation.models.hub import Hub

KINDS = [
    ("by-product", _("by-product exchange")),
    ("utility", _("shared utility or infrastructure")),
    ("service", _("shared service")),
    ("genesis", _("genesis: a new business using existing streams")),
]
PHASES = [
    (1, _("Mapping and opportunities")),
    (2, _("Selection and mobilisation")),
    (3, _("Implementation and business development")),
    (4, _("Learning, improvement and communication")),
]
#: Exit criteria per phase, from the Norwegian facilitator guide: (key, label).
EXIT_CRITERIA = {
    1: [
        ("resources-mapped", _("Materials, energy streams and actors are mapped")),
        ("facilitator-appointed", _("A facilitator or partnership is appointed")),
    ],
    2: [
        ("demand-found", _("Who needs the resources is known")),
        ("partnership", _("An innovation partnership (consortium) is formed")),
        ("business-case", _("A market need and a business opportunity are identified")),
    ],
    3: [
        ("business-model", _("Business model agreed")),
        ("financing", _("Investment and financing plan in place")),
        ("permits", _("Permits granted")),
        ("infrastructure", _("Infrastructure built")),
        ("production", _("Production has started")),
    ],
    4: [
        ("lessons", _("What worked and what did not is recorded")),
        ("shared", _("Results are shared with the network")),
    ],
}
STATUSES = [
    ("active", _("active")),
    ("shelved", _("shelved in the bank")),
    ("implemented", _("implemented")),
]
DIMENSIONS = [
    ("technological", _("technological")),
    ("business", _("business")),
    ("ecological", _("ecological")),
    ("organisational", _("organisational and governance")),
]
LEVELS = range(1, 10)


class Opportunity(models.Model):
    """A possible synergy between organisations and streams, followed through four phases."""

    ref = models.CharField(_("reference"), max_length=40, unique=True)
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="opportunities")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS, default="by-product")
    description = models.TextField(_("description"), blank=True)
    phase = models.PositiveSmallIntegerField(_("phase"), choices=PHASES, default=1)
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default="active")
    organisations = models.ManyToManyField(
        "registry.Organisation", related_name="opportunities", blank=True
    )
    streams = models.ManyToManyField("registry.Stream", related_name="opportunities", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_opportunities",
        verbose_name=_("owner"),
    )
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    shelved_reason = models.TextField(_("reason for shelving"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")

    def __str__(self) -> str:
        return self.title

    def outcome_or_none(self):
        """The recorded jobs and investment (``Outcome``), or ``None`` before any is."""
        return getattr(self, "outcome", None)

    def readiness(self) -> dict[str, int]:
        """The newest level per dimension (dimensions never assessed are left out)."""
        out: dict[str, int] = {}
        for a in self.readiness_assessments.order_by("-at", "-id"):
            out.setdefault(a.dimension, a.level)
        return out

    def srl(self) -> int | None:
        """The Symbiosis Readiness Level: the weakest dimension, once all four are assessed."""
        levels = self.readiness()
        return min(levels.values()) if len(levels) == len(DIMENSIONS) else None


class PhaseCheck(models.Model):
    """One exit criterion ticked for an opportunity."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="checks")
    phase = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=40)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "phase", "key"], name="unique_check")
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} {self.phase}:{self.key}"


class ReadinessLevel(models.Model):
    """What a level means in one dimension, in Norwegian and English.

    Both texts are seeded by migrations and edited by administrators, each language on its
    own; a reader sees the text of their language, or the other one if that is empty.
    """

    dimension = models.CharField(_("dimension"), max_length=20, choices=DIMENSIONS)
    level = models.PositiveSmallIntegerField(_("level"))
    description_nb = models.TextField(_("description (Norwegian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["dimension", "level"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "level"], name="unique_readiness_level")
        ]
        verbose_name = _("readiness level description")
        verbose_name_plural = _("readiness level descriptions")

    def __str__(self) -> str:
        return f"{self.get_dimension_display()} {self.level}"

    @property
    def description(self) -> str:
        """The text in the active language, falling back to the other language."""
        texts = {"nb": self.description_nb, "en": self.description_en}
        first = "nb" if (get_language() or "").startswith(("nb", "no")) else "en"
        return texts[first] or texts["en" if first == "nb" else "nb"]


class ReadinessAssessment(models.Model):
    """A level (1–9) given to one dimension at one time; history is kept, the newest counts."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="readiness_assessments"
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=DIMENSIONS)
    level = models.PositiveSmallIntegerField(_("level"))
    note = models.TextField(_("note"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.opportunity} {self.dimension} {self.level}"


class OpportunityNote(models.Model):
    """A facilitator's note, optionally with a document; never shown to companies."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("note"), blank=True)
    document = models.FileField(_("document"), upload_to="opportunities/%Y/", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.opportunity} {self.at:%Y-%m-%d}"
