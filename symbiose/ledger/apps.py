from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "symbiose.ledger"
    label = "ledger"

    def ready(self) -> None:
        from symbiose.facilitation.signals import opportunity_implemented
        from symbiose.ledger.actions import open_exchange_on_implementation

        opportunity_implemented.connect(
            open_exchange_on_implementation, dispatch_uid="ledger-open-exchange"
        )
