"""Organisations (companies, public bodies, research institutes) and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from symbiose.registry.models.request import Request

DATA_SOURCES = [
    ("self", _("self-declared")),
    ("facilitator", _("facilitator")),
    ("imported", _("imported")),
]

#: What kind of actor an organisation is. Research institutes, universities and the others
#: may list competences (``resources.Competence``) and be proposed as R&D partners.
ORGANISATION_KINDS = [
    ("company", _("company")),
    ("research_institute", _("research institute")),
    ("university", _("university")),
    ("public_body", _("public body")),
    ("cluster", _("cluster")),
    ("investor", _("investor")),
]


class Organisation(models.Model):
    """A company or other actor that offers side streams or has needs."""

    ref = models.CharField(_("reference"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(_("organisation number"), max_length=9, blank=True)
    kind = models.CharField(
        _("type of organisation"), max_length=20, choices=ORGANISATION_KINDS, default="company"
    )
    nace = models.CharField(_("NACE code"), max_length=8, blank=True)
    country = models.CharField(_("country"), max_length=2, default="NO")
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    data_source = models.CharField(
        _("data source"), max_length=20, choices=DATA_SOURCES, default="self"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations", blank=True
    )
    #: Set when the organisation is verified: its organisation number checked (Norway) and
    #: approved by a hub facilitator (accepting it into a hub) or a platform admin. Only
    #: members of verified organisations see streams marked "members" (docs/security.md).
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: What a viewer who may not know the owner of a stream hiding its identity is told of
    #: its area: 0 the municipality, 1 the county, 2 nothing (``registry.area``: at least
    #: ``K_ORGANISATIONS`` counted organisations there). Kept by ``do_store_area_levels``.
    area_level = models.PositiveSmallIntegerField(default=2, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def hidden_area(self) -> str:
        """The area others are told when a stream hides the identity: the municipality, its
        county or "" (``registry.area``); the stream form says it to the owner."""
        from symbiose.registry.area import shown_area

        return shown_area(self.municipality, self.area_level)

    @property
    def area_note(self) -> str:
        """Why the stream form names a wider area than the municipality ("" when it does
        not): the owner should know what a hidden identity shows, and why."""
        from django.utils.translation import gettext

        from symbiose.registry.area import K_ORGANISATIONS, MUNICIPALITY

        if not self.municipality or self.area_level == MUNICIPALITY:
            return ""
        return gettext(
            "Fewer than {k} verified or imported organisations are in {municipality}, so others "
            "are not told the municipality: it would point to you."
        ).format(k=K_ORGANISATIONS, municipality=self.municipality)

    @property
    def has_location(self) -> bool:
        """Whether the organisation has been placed on the map."""
        return self.lat is not None and self.lon is not None


class Membership(models.Model):
    """A user's place in an organisation; company admins may invite and manage members."""

    ROLES = [("member", _("member")), ("admin", _("company admin"))]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=10, choices=ROLES, default="member")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class JoinRequest(Request):
    """A signed-in user asks to become a member of an organisation; its company admins decide.

    Writes live in ``registry/joins/actions.py``; who may see and decide in
    ``registry/own.py``. At most one request per user and organisation is pending.
    """

    STATUSES = [
        ("pending", _("waiting for an answer")),
        ("approved", _("approved")),
        ("declined", _("declined")),
    ]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default="pending")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request",
            )
        ]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")

    def __str__(self) -> str:
        return f"{self.user} -> {self.organisation} ({self.status})"
