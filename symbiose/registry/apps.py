from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "symbiose.registry"
    label = "registry"
