"""Who is asking: one viewer per request, a subclass per kind of reader.

:func:`viewer_for` picks the class: :class:`AnonymousViewer` for a visitor who is not signed
in, :class:`Viewer` for a signed-in user. :class:`OutsiderViewer` (text derived once for
many readers) and ``facilitation.access.ParticipantViewer`` (match sheets for one company)
are readers made up by the code. Each subclass says what its kind of reader has; the rules
in ``registry.access`` ask the viewer and never branch on its kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser

from symbiose.registry.models import Disclosure, Organisation

#: Who else is an insider of an organisation besides its members: functions that take a
#: signed-in user and return the ids of the organisations that user facilitates. The apps
#: above the registry add theirs (facilitation: its hubs' facilitators and overseers, in its
#: ``AppConfig.ready``), so the registry imports none of them.
FACILITATED_ORGANISATIONS: list[Callable[[Any], Iterable[int]]] = []


def add_facilitated_organisations(
    provider: Callable[[Any], Iterable[int]],
) -> Callable[[Any], Iterable[int]]:
    """Register ``provider`` (user -> organisation ids) with every viewer; returns it."""
    if provider not in FACILITATED_ORGANISATIONS:
        FACILITATED_ORGANISATIONS.append(provider)
    return provider


@dataclass
class Viewer:
    """A signed-in user, with the sets that decide what they see, computed once per request."""

    user: object = field(default_factory=AnonymousUser)

    @property
    def is_authenticated(self) -> bool:
        return True

    @cached_property
    def is_admin(self) -> bool:
        u = self.user
        return u.is_active and u.is_superuser

    @cached_property
    def own_org_ids(self) -> frozenset[int]:
        return frozenset(self.user.organisations.values_list("id", flat=True))

    @cached_property
    def facilitated_org_ids(self) -> frozenset[int]:
        """Organisations in hubs the user facilitates or oversees."""
        return frozenset(i for provider in FACILITATED_ORGANISATIONS for i in provider(self.user))

    @cached_property
    def is_facilitator(self) -> bool:
        return self.user.facilitated_hubs.exists() or self.user.overseen_hubs.exists()

    @cached_property
    def has_verified_organisation(self) -> bool:
        """Whether one of the viewer's organisations is verified (``Organisation.verified_at``)."""
        if not self.own_org_ids:
            return False
        return Organisation.objects.filter(
            id__in=self.own_org_ids, verified_at__isnull=False
        ).exists()

    @cached_property
    def is_member(self) -> bool:
        """Who sees "members" streams: signed-in users of a *verified* organisation, and
        facilitators and admins. Creating an account and an organisation is not enough."""
        return self.has_verified_organisation or self.is_facilitator or self.is_admin

    def is_insider(self, organisation_id: int) -> bool:
        return (
            self.is_admin
            or organisation_id in self.own_org_ids
            or organisation_id in self.facilitated_org_ids
        )

    @cached_property
    def disclosed(self) -> dict[int, frozenset[str]]:
        """Stream id -> sensitive fields disclosed to the viewer's organisations."""
        if not self.own_org_ids:
            return {}
        out: dict[int, set[str]] = {}
        rows = Disclosure.objects.filter(
            organisation_id__in=self.own_org_ids, revoked_at__isnull=True
        ).values_list("stream_id", "fields")
        for stream_id, fields in rows:
            out.setdefault(stream_id, set()).update(fields)
        return {k: frozenset(v) for k, v in out.items()}


class NoOrganisations:
    """Mixin for a reader made up by the code, whatever user it carries: it belongs to no
    organisation, facilitates none, and nothing is disclosed to it. Used by
    :class:`NoRoleViewer` and by ``search.index``'s insider reader (an admin-like reader, so
    not a :class:`NoRoleViewer`); put it before :class:`Viewer` in the bases."""

    @cached_property
    def own_org_ids(self) -> frozenset[int]:
        return frozenset()

    @cached_property
    def facilitated_org_ids(self) -> frozenset[int]:
        return frozenset()

    @cached_property
    def disclosed(self) -> dict[int, frozenset[str]]:
        return {}


class NoRoleViewer(NoOrganisations, Viewer):
    """A reader with no organisation and no role: the base of the two viewers below and of
    ``facilitation.access.ParticipantViewer`` (which adds one organisation)."""

    @cached_property
    def is_admin(self) -> bool:
        return False

    @cached_property
    def is_facilitator(self) -> bool:
        return False


class AnonymousViewer(NoRoleViewer):
    """A visitor who is not signed in: public streams only, no organisation, no role."""

    @property
    def is_authenticated(self) -> bool:
        return False

    @cached_property
    def is_member(self) -> bool:
        return False


class OutsiderViewer(NoRoleViewer):
    """A signed-in member of no organisation: sees public and members streams with every
    sensitive field hidden. Text derived once for many readers (opportunity titles, the bank)
    is built from this view, so it names no one that any of its readers may not see."""

    @cached_property
    def is_member(self) -> bool:
        return True


def viewer_for(user: object | None) -> Viewer:
    """The :class:`Viewer` for a user: an :class:`AnonymousViewer` for ``None`` or a visitor
    who is not signed in; a viewer passed in is returned as it is."""
    if isinstance(user, Viewer):
        return user
    if user is None or not getattr(user, "is_authenticated", False):
        return AnonymousViewer(user=user if user is not None else AnonymousUser())
    return Viewer(user=user)
