from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "symbiose.contact"
    label = "contact"
