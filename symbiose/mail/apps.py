from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "symbiose.mail"
    label = "mail"
    verbose_name = "Outgoing e-mail"
