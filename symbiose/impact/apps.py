from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "symbiose.impact"
    label = "impact"
