"""Writes started from the web pages: sign-up, organisations, invitations, contact requests.

Same rules as every ``actions.py``: ``do_*`` trust their input, one transaction each, the
acting user keyword-only, an audit row per write, e-mails only after commit.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from symbiose.matching.contact_models import ContactRequest, Message, SavedSearch
from symbiose.registry.actions import (
    audit,
    check_save_organisation,
    do_add_member,
    do_create_user,
    do_disclose,
)
from symbiose.registry.models import Organisation, Stream


def new_ref(prefix: str) -> str:
    """A fresh reference for something made in the web pages (``ORG-7F3A9C``)."""
    return f"{prefix}-{secrets.token_hex(3).upper()}"


@transaction.atomic
def do_sign_up(email: str, password: str, *, name: str = "") -> Any:
    """Create an account for someone signing up themselves."""
    user = do_create_user(email, password, acting_user=None, name=name)
    audit(user, "signed-up", user)
    return user


@transaction.atomic
def check_create_organisation(raw: dict[str, Any], *, acting_user: Any) -> Organisation:
    """Validate and create an organisation; the creator becomes its company admin."""
    row = {**raw, "ref": raw.get("ref") or new_ref("ORG")}
    org, _created = check_save_organisation(row, acting_user=acting_user)
    do_add_member(org, acting_user, acting_user=acting_user, role="admin")
    return org


@transaction.atomic
def do_invite_colleague(org: Organisation, email: str, *, acting_user: Any) -> Any:
    """Add a colleague (creating their account without a password if new) and tell them."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    email = user_model.objects.normalize_email(email).lower()
    user = user_model.objects.filter(username=email).first()
    if user is None:
        user = do_create_user(email, None, acting_user=acting_user)
    do_add_member(org, user, acting_user=acting_user, role="member")
    transaction.on_commit(lambda: _send_invitation(email, org.name))
    return user


def _send_invitation(email: str, org_name: str) -> None:
    send_mail(
        f"Symbiose: {org_name}",
        f"You have been added to {org_name} on Symbiose. "
        "Choose a password with 'Forgot your password?' on the sign-in page.\n\n"
        f"Du er lagt til i {org_name} på Symbiose. "
        "Velg et passord med «Glemt passordet?» på innloggingssiden.",
        settings.DEFAULT_FROM_EMAIL,
        [email],
        fail_silently=True,
    )


@transaction.atomic
def do_request_contact(
    own: Stream, other: Stream, *, fields: list[str], note: str, acting_user: Any
) -> ContactRequest:
    """Ask the owner of ``other`` to be put in touch; nothing is revealed yet."""
    req = ContactRequest.objects.create(
        requester_stream=own,
        target_stream=other,
        requester_org=own.organisation,
        target_org=other.organisation,
        requested_by=acting_user,
        note=note,
        requester_fields=sorted(set(fields)),
    )
    audit(acting_user, "contact-requested", req, own=own.ref, other=other.ref)
    emails = list(other.organisation.members.values_list("email", flat=True))
    title = other.title
    transaction.on_commit(
        lambda: _notify(emails, f"Symbiose: {title}",
                        "Someone asks to be put in touch about your stream. / "
                        "Noen ber om kontakt om strømmen deres.", req.pk)
    )  # fmt: skip
    return req


@transaction.atomic
def do_answer_contact(
    req: ContactRequest, *, accept: bool, fields: list[str], acting_user: Any
) -> ContactRequest:
    """Accept (both sides' chosen fields are disclosed, each reveal recorded) or decline."""
    req.status = "accepted" if accept else "declined"
    req.answered_by = acting_user
    req.answered_at = timezone.now()
    req.target_fields = sorted(set(fields)) if accept else []
    req.save()
    audit(acting_user, req.status, req)
    emails = list(req.requester_org.members.values_list("email", flat=True))
    transaction.on_commit(
        lambda: _notify(emails, f"Symbiose: {req.target_stream.title}",
                        "Your contact request has been answered. / "
                        "Kontaktforespørselen deres er besvart.", req.pk)
    )  # fmt: skip
    if accept:
        do_disclose(
            req.requester_stream, req.target_org, req.requester_fields, acting_user=acting_user
        )
        do_disclose(
            req.target_stream, req.requester_org, req.target_fields, acting_user=acting_user
        )
    return req


def _notify(emails: list[str], subject: str, text: str, pk: int) -> None:
    """Tell an organisation's members about a contact request (no identities in the text)."""
    from django.urls import reverse

    body = f"{text}\n\n{reverse('web:contact_detail', args=[pk])}"
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails, fail_silently=True)


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


@transaction.atomic
def do_record_stale_reminder(stream: Stream) -> None:
    """Record that the owners were asked whether the stream is still valid."""
    audit(None, "stale-reminder", stream, confirmed_at=stream.confirmed_at)
