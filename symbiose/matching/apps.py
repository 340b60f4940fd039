from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "symbiose.matching"
    label = "matching"
