from django.apps import AppConfig


class RegionalConfig(AppConfig):
    name = "symbiose.regional"
    label = "regional"
