from django.urls import path

from symbiose.resources import views

app_name = "resources"
urlpatterns = [
    path("crm/", views.crm_index, name="crm_index"),
    path("crm/<str:crm_id>/", views.crm_detail, name="crm"),
    path("technologies/<str:tech_id>/", views.technology_detail, name="technology"),
    path("partners/<str:org>/", views.partner_detail, name="partner"),
    path("streams/<str:ref>/", views.stream_detail, name="stream"),
    path("deposits/", views.deposits, name="deposits"),
    path("organisations/<str:org>/deposits/new/", views.deposit_new, name="deposit_new"),
    path("organisations/<str:org>/competences/", views.competences, name="competences"),
    path("organisations/<str:org>/competences/<int:pk>/delete/", views.competence_delete,
         name="competence_delete"),
]  # fmt: skip
