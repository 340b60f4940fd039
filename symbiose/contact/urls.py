"""The contact app's pages (at the same addresses the web app had for them)."""

from django.urls import path

from symbiose.contact import views

app_name = "contact"
urlpatterns = [
    path("streams/<str:ref>/alert/", views.alert, name="alert"),
    path("streams/<str:ref>/contact/", views.new, name="new"),
    path("contact/", views.request_list, name="list"),
    path("contact/<int:pk>/", views.detail, name="detail"),
    path("contact/<int:pk>/answer/", views.answer, name="answer"),
]
