"""The regional-factor admin saves and deletes through the audited impact actions."""

from __future__ import annotations

from django.contrib import admin
from django.test import RequestFactory

from symbiose.impact.models import RegionalFactor
from symbiose.registry.models import AuditEvent

ROW = {"factor_id": "elec.NO", "value": "0.02", "unit": "kgCO2e/kWh",
       "source": "Agder county energy account 2025", "year": "2025", "region": "NO-42",
       "version": "agder-2025", "note": ""}  # fmt: skip


def submit(user, data, obj=None):
    model_admin = admin.site._registry[RegionalFactor]
    request = RequestFactory().post("/admin/")
    request.user = user
    form = model_admin.get_form(request, obj, change=obj is not None)(data, instance=obj)
    assert form.is_valid(), form.errors
    saved = form.save(commit=False)
    model_admin.save_model(request, saved, form, change=obj is not None)
    return model_admin, request, saved


def test_adding_editing_and_deleting_a_factor_are_audited_actions(world):
    model_admin, request, factor = submit(world.admin, ROW)
    assert RegionalFactor.objects.get(pk=factor.pk).value == 0.02
    submit(world.admin, ROW | {"value": "0.03", "version": "agder-2026"}, obj=factor)
    assert RegionalFactor.objects.count() == 1  # edited in place, not copied
    assert RegionalFactor.objects.get().version == "agder-2026"
    model_admin.delete_model(request, RegionalFactor.objects.get())
    assert not RegionalFactor.objects.exists()
    verbs = list(AuditEvent.objects.filter(object_type="regionalfactor")
                 .order_by("at", "pk").values_list("verb", flat=True))  # fmt: skip
    assert verbs == ["saved", "saved", "deleted"]


def test_a_saved_or_deleted_factor_queues_one_valuing_pass(
    world, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from symbiose.impact.tasks import value_candidates

    passes = DBTaskResult.objects.filter(task_path=value_candidates.module_path)
    passes.delete()
    with django_capture_on_commit_callbacks(execute=True):
        model_admin, request, factor = submit(world.admin, ROW)
    assert passes.count() == 1 and passes.get().status == "READY"
    with django_capture_on_commit_callbacks(execute=True):
        submit(world.admin, ROW | {"value": "0.03", "version": "agder-2026"}, obj=factor)
    assert passes.count() == 1  # the waiting pass will see this one too
    passes.delete()
    with django_capture_on_commit_callbacks(execute=True):
        model_admin.delete_model(request, RegionalFactor.objects.get())
    assert passes.count() == 1
