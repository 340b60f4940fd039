"""The ledger's URLs, under ``/hub/`` beside the opportunity they belong to."""

from django.urls import path

from symbiose.ledger import views

app_name = "ledger"
urlpatterns = [
    path("o/<str:ref>/entry/", views.entry, name="entry"),
]
