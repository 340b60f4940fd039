from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "symbiose.taxonomy"
    label = "taxonomy"
