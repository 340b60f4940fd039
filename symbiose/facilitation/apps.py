from django.apps import AppConfig


class FacilitationConfig(AppConfig):
    name = "symbiose.facilitation"
    label = "facilitation"

    def ready(self) -> None:
        # Hub facilitators and overseers are insiders of the hub's member organisations: the
        # registry's viewer asks us instead of importing hubs (tests/test_architecture.py).
        from symbiose.facilitation.access import facilitated_organisation_ids
        from symbiose.registry.access import add_facilitated_organisations

        add_facilitated_organisations(facilitated_organisation_ids)
        # ... and resources' pages total what each hub's members hold, named by hub.
        from symbiose.facilitation.access import hub_workspaces
        from symbiose.resources.access import add_workspaces

        add_workspaces(hub_workspaces)
