from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "symbiose.web"
    label = "web"

    def ready(self) -> None:
        from symbiose import checks  # noqa: F401  (registers the deployment checks)
