from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "symbiose.search"
    label = "search"

    def ready(self) -> None:
        from symbiose.search import signals

        signals.connect(self)
