from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "symbiose.web"
    label = "web"
