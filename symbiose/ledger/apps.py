from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "symbiose.ledger"
    label = "ledger"
