"""Regional pages under /region/."""

from django.urls import path

from symbiose.regional import views

app_name = "regional"
urlpatterns = [
    path("", views.overview_page, name="overview"),
    path("report.<str:fmt>", views.report, name="report"),
    path("targets/new/", views.target_edit, name="target-new"),
    path("targets/<int:pk>/", views.target_edit, name="target-edit"),
    path("targets/<int:pk>/delete/", views.target_delete, name="target-delete"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/remind/", views.round_remind, name="round-remind"),
    path("rounds/<int:pk>/close/", views.round_close, name="round-close"),
    path("confirm/<int:pk>/", views.confirm, name="confirm"),
]
