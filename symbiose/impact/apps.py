from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "symbiose.impact"
    label = "impact"

    def ready(self) -> None:
        # Impact sits above matching: it learns that candidates changed from the task
        # worker's own signal, so matching needs no hook for it.
        from django_tasks.signals import task_finished

        from symbiose.impact.tasks import after_matching

        task_finished.connect(after_matching, dispatch_uid="impact-after-matching")
