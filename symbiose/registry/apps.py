from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "symbiose.registry"
    label = "registry"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from symbiose.registry.models import Organisation

        post_save.connect(_on_organisation_changed, sender=Organisation,
                          dispatch_uid="registry-area-levels-save")  # fmt: skip
        post_delete.connect(_on_organisation_changed, sender=Organisation,
                            dispatch_uid="registry-area-levels-delete")  # fmt: skip


def _on_organisation_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """An organisation added, moved, verified or removed may move a municipality or county
    across ``registry.area.K_ORGANISATIONS``: store the new levels and tell the readers of
    stored views (``area_levels_changed``) in the same transaction."""
    from symbiose.registry.models import Organisation
    from symbiose.registry.signals import in_bulk, refresh_areas

    if raw or in_bulk():  # bulk writes refresh once, at the end (``bulk_changes``)
        return
    if instance.pk in refresh_areas():
        instance.area_level = (
            Organisation.objects.filter(pk=instance.pk).values_list("area_level", flat=True)
            .first()
        )  # fmt: skip
