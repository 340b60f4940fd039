from django.urls import path

from symbiose.reports import views

app_name = "reports"
urlpatterns = [
    path("<str:pk>/", views.job, name="job"),
    path("<str:pk>/file", views.download, name="download"),
]
