from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    """Composition and criticality, deposits and landfills, R&D partners and technologies."""

    name = "symbiose.resources"
    label = "resources"
