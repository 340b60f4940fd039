"""Shared view helpers: fetch through access.py, turn refusals into 404 or 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from symbiose.facilitation import access
from symbiose.facilitation.models import Hub


def workspace_hub(request, slug: str) -> Hub:
    try:
        return access.get_workspace_hub(request.user, slug)
    except access.NotFound:
        raise Http404(slug) from None


def editable_hub(request, slug: str) -> Hub:
    hub = workspace_hub(request, slug)
    if not access.can_edit(request.user, hub):
        raise PermissionDenied
    return hub


def opportunity(request, ref: str, *, edit: bool = False):
    try:
        opp = access.get_opportunity(request.user, ref)
    except access.NotFound:
        raise Http404(ref) from None
    if edit and not access.can_edit(request.user, opp.hub):
        if not access.in_workspace(request.user, opp.hub):
            raise Http404(ref)
        raise PermissionDenied
    return opp
