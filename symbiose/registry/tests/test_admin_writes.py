"""The stream admin writes through the registry's actions: validated, audited, refreshed."""

from __future__ import annotations

import json

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.test import RequestFactory

from symbiose.matching.models import Change
from symbiose.registry.models import AuditEvent, Stream


def admin_form(user, stream, **changes):
    """The admin's own change form for ``stream`` with ``changes`` typed in."""
    model_admin = admin.site._registry[Stream]
    request = RequestFactory().post("/admin/")
    request.user = user
    form_class = model_admin.get_form(request, stream, change=True)
    data = {k: v for k, v in model_to_dict(stream).items() if v is not None}
    for key in ("sensitive_fields", "crm"):
        data[key] = json.dumps(data.get(key) or [])
    data |= changes
    return model_admin, request, form_class(data, instance=stream)


def test_an_admin_edit_is_audited_refreshes_matching_and_recomputes_derived_fields(world):
    stream = Stream.objects.get(ref="S-FJORD-HEAT")
    model_admin, request, form = admin_form(world.admin, stream, quantity="80")
    assert form.is_valid(), form.errors
    changes_before = Change.objects.filter(stream=stream).count()
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    stream.refresh_from_db()
    assert stream.quantity == 80 and stream.annual_quantity == pytest.approx(80_000)  # MWh/yr
    assert AuditEvent.objects.filter(verb="updated", object_ref="S-FJORD-HEAT").exists()
    assert Change.objects.filter(stream=stream).count() == changes_before + 1


def test_an_admin_edit_breaking_a_listing_rule_is_refused_at_its_field(world):
    stream = Stream.objects.get(ref="S-FJORD-HEAT")
    _model_admin, _request, form = admin_form(world.admin, stream, unit="bananas")
    assert not form.is_valid()
    assert "unit" in form.errors
    stream.refresh_from_db()
    assert stream.unit == "GWh"


def test_derived_fields_and_the_ref_are_read_only_and_streams_are_not_deleted_here(world):
    stream = Stream.objects.get(ref="S-FJORD-HEAT")
    model_admin = admin.site._registry[Stream]
    request = RequestFactory().get("/admin/")
    request.user = world.admin
    readonly = set(model_admin.get_readonly_fields(request, stream))
    assert {"ref", "hazardous", "annual_quantity", "annual_unit"} <= readonly
    assert not model_admin.has_delete_permission(request, stream)
