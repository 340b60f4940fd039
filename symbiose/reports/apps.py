from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "symbiose.reports"
    label = "reports"
    verbose_name = "Report jobs"
