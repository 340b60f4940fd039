"""Writes started from the web pages: sign-up, organisations, invitations, requests to join,
contact requests.

Same rules as every ``actions.py``: ``do_*`` trust their input, one transaction each, the
acting user keyword-only, an audit row per write, e-mails only after commit.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from symbiose.mail.actions import do_queue_mail
from symbiose.matching.contact_models import ContactRequest, Message, SavedSearch
from symbiose.registry.actions import (
    audit,
    check_save_organisation,
    do_add_member,
    do_create_user,
    do_disclose,
    do_mark_sensitive,
)
from symbiose.registry.models import JoinRequest, Membership, Organisation, Stream


def new_ref(prefix: str) -> str:
    """A fresh reference for something made in the web pages (``ORG-7F3A9C``)."""
    return f"{prefix}-{secrets.token_hex(3).upper()}"


#: Salt of the signed sign-up links (``django.core.signing``); a link is valid three days.
SIGNUP_SALT = "symbiose.signup"
SIGNUP_MAX_AGE = 3 * 24 * 3600


@transaction.atomic
def do_request_sign_up(
    email: str, name: str, *, links: dict[str, str], org_number: str = ""
) -> None:
    """Start a sign-up without telling anyone whether ``email`` has an account.

    A new address gets a signed link (e-mail and name, no password) to choose a password;
    an address with an account gets a note with the sign-in and password-reset links. The
    page after the form is the same in both cases. ``links`` holds ``confirm`` (with a
    ``{token}`` placeholder), ``login`` and ``reset`` as absolute URLs. ``org_number``, one the
    user confirmed from the register at sign-up, rides in the link so that the organisation
    form is filled in from the register after the password is chosen.
    """
    from django.contrib.auth import get_user_model
    from django.core import signing
    from django.template.loader import render_to_string

    if get_user_model().objects.filter(username=email).exists():
        subject = _("Symbiose: you already have an account")
        body = render_to_string("web/accounts/signup_exists_email.txt", {
            "login_url": links["login"], "reset_url": links["reset"]})  # fmt: skip
    else:
        data = {"email": email, "name": name, **({"org": org_number} if org_number else {})}
        token = signing.dumps(data, salt=SIGNUP_SALT, compress=True)
        subject = _("Symbiose: finish creating your account")
        body = render_to_string("web/accounts/signup_email.txt",
                                {"link": links["confirm"].replace("{token}", token)})  # fmt: skip
    do_queue_mail([email], subject, body)


def read_sign_up_token(token: str) -> dict[str, str] | None:
    """The e-mail, name and confirmed organisation number (``org_number``, maybe empty) in a
    sign-up link, or ``None`` if it is forged or too old."""
    from django.core import signing

    try:
        data = signing.loads(token, salt=SIGNUP_SALT, max_age=SIGNUP_MAX_AGE)
    except signing.BadSignature:
        return None
    return {"email": str(data.get("email", "")), "name": str(data.get("name", "")),
            "org_number": str(data.get("org", ""))}  # fmt: skip


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
    _send_invitation(email, org.name)
    return user


def _send_invitation(email: str, org_name: str) -> None:
    do_queue_mail(
        [email],
        f"Symbiose: {org_name}",
        f"You have been added to {org_name} on Symbiose. "
        "Choose a password with 'Forgot your password?' on the sign-in page.\n\n"
        f"Du er lagt til i {org_name} på Symbiose. "
        "Velg et passord med «Glemt passordet?» på innloggingssiden.",
    )


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
    req.status = "accepted" if accept else "declined"
    req.answered_by = acting_user
    req.answered_at = timezone.now()
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


class JoinRefused(ValueError):
    """A request to join that may not be made; the message says why."""


#: A user may wait for this many organisations at once; a declined request may be repeated
#: after the cool-off period.
MAX_PENDING_JOINS = 5
JOIN_COOL_OFF = datetime.timedelta(days=30)


@transaction.atomic
def check_request_to_join(org: Organisation, message: str, *, acting_user: Any) -> JoinRequest:
    """Ask to become a member of ``org``; its company admins get an e-mail after commit."""
    mine = JoinRequest.objects.filter(user=acting_user)
    if Membership.objects.filter(user=acting_user, organisation=org).exists():
        raise JoinRefused(_("You are already a member of this organisation."))
    if mine.filter(organisation=org, status="pending").exists():
        raise JoinRefused(_("You have already asked to join; wait for their answer."))
    since = timezone.now() - JOIN_COOL_OFF
    if mine.filter(organisation=org, status="declined", decided_at__gte=since).exists():
        raise JoinRefused(_("Your request was declined recently; ask again after 30 days."))
    if mine.filter(status="pending").count() >= MAX_PENDING_JOINS:
        raise JoinRefused(
            _("You are waiting for answers from %(n)d organisations; wait for one first.")
            % {"n": MAX_PENDING_JOINS}
        )
    req = JoinRequest.objects.create(user=acting_user, organisation=org, message=message[:500])
    audit(acting_user, "join-requested", org, request=req.pk)
    admins = list(
        Membership.objects.filter(organisation=org, role="admin").values_list(
            "user__email", flat=True
        )
    )
    who, name, text = acting_user.email, org.name, message[:500]
    _send_join_request(admins, who, name, org.ref, text)
    return req


@transaction.atomic
def do_decide_join(req: JoinRequest, *, approve: bool, acting_user: Any) -> JoinRequest:
    """A company admin approves (the requester becomes a member) or declines a request."""
    req.status = "approved" if approve else "declined"
    req.decided_by = acting_user
    req.decided_at = timezone.now()
    req.save(update_fields=["status", "decided_by", "decided_at"])
    audit(acting_user, f"join-{req.status}", req.organisation, user=req.user.get_username())
    if approve:
        do_add_member(req.organisation, req.user, acting_user=acting_user, role="member")
    email, name, status = req.user.email, req.organisation.name, req.status
    _send_join_answer(email, name, status)
    return req


def _send_join_request(admins: list[str], who: str, org_name: str, ref: str, text: str) -> None:
    from django.urls import reverse

    url = reverse("web:org_detail", args=[ref])
    do_queue_mail(
        admins,
        f"Symbiose: {org_name}",
        f"{who} asks to join {org_name} on Symbiose. Approve or decline under Members: {url}\n"
        f"{who} ber om å bli med i {org_name} på Symbiose. Godkjenn eller avslå under "
        f"Medlemmer: {url}\n\n{text}",
    )


def _send_join_answer(email: str, org_name: str, status: str) -> None:
    en = {"approved": "approved", "declined": "declined"}[status]
    nb = {"approved": "godkjent", "declined": "avslått"}[status]
    do_queue_mail(
        [email],
        f"Symbiose: {org_name}",
        f"Your request to join {org_name} was {en}.\n"
        f"Forespørselen din om å bli med i {org_name} er {nb}.",
    )


def _notify(emails: list[str], event: str, title: str, pk: int) -> None:
    """Tell an organisation's members about a contact request, in Norwegian and English, with
    an absolute link (``SYMBIOSE_SITE_URL``); no identities in the text. ``event`` is
    ``requested``, ``accepted`` or ``declined``."""
    from django.template.loader import render_to_string
    from django.urls import reverse

    link = settings.SITE_URL + reverse("web:contact_detail", args=[pk])
    context = {"event": event, "title": title, "link": link}
    subject = render_to_string("web/email/contact_subject.txt", context).strip()
    do_queue_mail(emails, subject, render_to_string("web/email/contact.txt", context))


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
