"""Top-level URL map."""

from django.contrib import admin
from django.urls import include, path

from symbiose.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("hub/", include("symbiose.facilitation.urls")),
    path("hub/", include("symbiose.ledger.urls")),
    path("impact/", include("symbiose.impact.urls")),
    path("reports/", include("symbiose.reports.urls")),
    path("region/", include("symbiose.regional.urls")),
    path("resources/", include("symbiose.resources.urls")),
    path("", include("symbiose.search.urls")),
    path("", include("symbiose.contact.urls")),
    path("", include("symbiose.web.urls")),
]
