from django.urls import path

from symbiose.impact import views

app_name = "impact"
urlpatterns = [path("<str:offer_ref>/<str:need_ref>/", views.pair, name="pair")]
