"""Home, dashboard and the case library."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from symbiose.web import permissions
from symbiose.web.library import CASES


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        if not permissions.my_organisations(request.user).exists() and not (
            permissions.is_facilitator(request.user) or request.user.is_superuser
        ):
            return redirect("web:org_new")
        return redirect("web:my_streams")
    return render(request, "web/home.html", {"cases": CASES[:3]})


def library(request: HttpRequest) -> HttpResponse:
    return render(request, "web/library.html", {"cases": CASES})
