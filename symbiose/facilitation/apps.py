from django.apps import AppConfig


class FacilitationConfig(AppConfig):
    name = "symbiose.facilitation"
    label = "facilitation"
