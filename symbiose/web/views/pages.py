"""Home, dashboard and the case library."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from symbiose.web import permissions
from symbiose.web.library import cases


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        has_org = permissions.my_organisations(request.user).exists()
        if permissions.is_facilitator(request.user) and not has_org:
            # Facilitators start in their workspace, not on an empty "My streams".
            from symbiose.facilitation.access import workspace_hubs

            hubs = list(workspace_hubs(request.user)[:2])
            if len(hubs) == 1:
                return redirect("facilitation:hub", slug=hubs[0].slug)
            return redirect("facilitation:hubs")
        if not has_org and not request.user.is_superuser:
            return redirect("web:org_new")
        return redirect("web:my_streams")
    return render(request, "web/home.html", {"cases": cases()[:3]})


def library(request: HttpRequest) -> HttpResponse:
    return render(request, "web/library.html", {"cases": cases()})
