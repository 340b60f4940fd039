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
        # The hub pair rows copy stored candidates: rebuilt after every write of them and
        # after a hub's members change (facilitation/tasks.py).
        from django.db.models.signals import m2m_changed, post_delete
        from django_tasks.signals import task_finished

        from symbiose.facilitation import tasks
        from symbiose.facilitation.models import Hub
        from symbiose.matching.signals import candidates_stored
        from symbiose.registry.models import Stream

        task_finished.connect(tasks.after_matching, dispatch_uid="hub-pairs-after-matching")
        candidates_stored.connect(tasks.after_stored, dispatch_uid="hub-pairs-after-stored")
        m2m_changed.connect(tasks.after_members, sender=Hub.members.through,
                            dispatch_uid="hub-pairs-after-members")  # fmt: skip
        post_delete.connect(tasks.after_stream_deleted, sender=Stream,
                            dispatch_uid="hub-pairs-after-stream-deleted")  # fmt: skip
