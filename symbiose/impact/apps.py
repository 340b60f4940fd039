from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "symbiose.impact"
    label = "impact"

    def ready(self) -> None:
        # Impact sits above matching: it learns that candidates changed from the task
        # worker's own signal, and from matching's when a command stored them directly.
        from django_tasks.signals import task_finished

        from symbiose.impact.tasks import after_deploy, after_matching, after_stored
        from symbiose.matching.signals import candidates_stored, worker_ready

        task_finished.connect(after_matching, dispatch_uid="impact-after-matching")
        candidates_stored.connect(after_stored, dispatch_uid="impact-after-stored")
        worker_ready.connect(after_deploy, dispatch_uid="impact-after-deploy")
