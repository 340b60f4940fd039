"""Writes of the contact app: contact requests, their answers and messages, match alerts.

Same rules as every ``actions.py``: ``do_*`` trust their input, one transaction each, the
acting user keyword-only, an audit row per write, e-mails only after commit (the mail app
queues them in the transaction and delivers after it).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from symbiose.contact.models import ContactRequest, Message, SavedSearch
from symbiose.mail.actions import do_queue_mail
from symbiose.registry.actions import audit, do_disclose, do_mark_sensitive
from symbiose.registry.models import Organisation, Stream


@transaction.atomic
def do_request_contact(
    own: Stream,
    other: Stream,
    *,
    fields: list[str],
    note: str,
    acting_user: Any,
    hide_identity: bool = False,
    phone: str = "",
) -> ContactRequest:
    """Ask the owner of ``other`` to be put in touch; nothing is revealed yet.

    ``hide_identity`` marks our stream's identity sensitive first, so the receiver cannot find
    our name by looking the stream up in their own matches.
    """
    if hide_identity:
        do_mark_sensitive(own, ["identity"], acting_user=acting_user)
    req = ContactRequest.objects.create(
        requester_stream=own,
        target_stream=other,
        requester_org=own.organisation,
        target_org=other.organisation,
        requested_by=acting_user,
        note=note,
        requester_fields=sorted(set(fields)),
        requester_phone=phone.strip()[:30],
    )
    audit(acting_user, "contact-requested", req, own=own.ref, other=other.ref)
    emails = list(other.organisation.members.values_list("email", flat=True))
    title = other.title
    _notify(emails, "requested", title, req.pk)
    return req


@transaction.atomic
def do_answer_contact(
    req: ContactRequest, *, accept: bool, fields: list[str], acting_user: Any, phone: str = ""
) -> ContactRequest:
    """Accept (both sides' identities and chosen fields are disclosed, each reveal recorded as a
    ``Disclosure`` with ``identity`` among its fields) or decline (nothing is revealed)."""
    req.decide("accepted" if accept else "declined", by=acting_user)
    req.target_fields = sorted(set(fields)) if accept else []
    req.target_phone = phone.strip()[:30] if accept else ""
    req.save()
    audit(acting_user, req.status, req)
    emails = list(req.requester_org.members.values_list("email", flat=True))
    _notify(emails, req.status, req.target_stream.title, req.pk)
    if accept:
        mine, theirs = [*req.requester_fields, "identity"], [*req.target_fields, "identity"]
        do_disclose(req.requester_stream, req.target_org, mine, acting_user=acting_user)
        do_disclose(req.target_stream, req.requester_org, theirs, acting_user=acting_user)
    return req


def _notify(emails: list[str], event: str, title: str, pk: int) -> None:
    """Tell an organisation's members about a contact request, in Norwegian and English, with
    an absolute link (``SYMBIOSE_SITE_URL``); no identities in the text. ``event`` is
    ``requested``, ``accepted`` or ``declined``."""
    from django.template.loader import render_to_string
    from django.urls import reverse

    link = settings.SITE_URL + reverse("contact:detail", args=[pk])
    context = {"event": event, "title": title, "link": link}
    subject = render_to_string("contact/email/contact_subject.txt", context).strip()
    do_queue_mail(emails, subject, render_to_string("contact/email/contact.txt", context))


@transaction.atomic
def do_post_message(
    req: ContactRequest, org: Organisation, body: str, *, acting_user: Any
) -> Message:
    msg = Message.objects.create(request=req, author=acting_user, author_org=org, body=body)
    audit(acting_user, "message-posted", req)
    return msg


@transaction.atomic
def do_save_alert(stream: Stream, *, acting_user: Any, **options: Any) -> SavedSearch:
    alert, _created = SavedSearch.objects.update_or_create(
        user=acting_user, stream=stream, defaults=options
    )
    audit(acting_user, "alert-saved", stream)
    return alert


@transaction.atomic
def do_delete_alert(alert: SavedSearch, *, acting_user: Any) -> None:
    audit(acting_user, "alert-deleted", alert.stream)
    alert.delete()


@transaction.atomic
def do_mark_alert_sent(alert: SavedSearch, refs: list[str]) -> None:
    alert.notified_refs = sorted(set(alert.notified_refs) | set(refs))
    alert.last_sent_at = timezone.now()
    alert.save(update_fields=["notified_refs", "last_sent_at"])
