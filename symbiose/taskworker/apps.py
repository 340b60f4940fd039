from django.apps import AppConfig


class TaskWorkerConfig(AppConfig):
    name = "symbiose.taskworker"
    label = "taskworker"
