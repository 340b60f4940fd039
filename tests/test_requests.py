"""Every request (join, hub membership, contact) shares one base: pending until decided once."""

from __future__ import annotations

import pytest

from symbiose.contact.models import ContactRequest
from symbiose.facilitation.models import HubMembershipRequest
from symbiose.registry.models import JoinRequest, Request

REQUESTS = (JoinRequest, HubMembershipRequest, ContactRequest)


@pytest.mark.parametrize("model", REQUESTS, ids=lambda m: m.__name__)
def test_each_request_has_the_shared_state_and_reads(model):
    assert issubclass(model, Request)
    assert model._meta.get_field("status").default == "pending"
    assert {"pending", "declined"} <= {value for value, _label in model.STATUSES}
    for name in ("created_at", "decided_by", "decided_at"):
        model._meta.get_field(name)
    assert str(model.objects.pending().query) == str(model.objects.filter(status="pending").query)


def test_deciding_records_who_and_when_without_saving():
    req = JoinRequest(status="pending")
    assert req.is_pending
    req.decide("approved", by=None)
    assert (req.status, req.is_pending, req.decided_by) == ("approved", False, None)
    assert req.decided_at is not None and req.pk is None


def test_contact_requests_keep_their_old_column_names():
    columns = {f.name: f.column for f in ContactRequest._meta.concrete_fields}
    assert (columns["decided_by"], columns["decided_at"]) == ("answered_by_id", "answered_at")
