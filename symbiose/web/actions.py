"""Writes started from the web pages: sign-up, organisations, invitations.
Requests to join are written in ``registry/joins/actions.py``, contact requests in
``contact/actions.py``.

Same rules as every ``actions.py``: ``do_*`` trust their input, one transaction each, the
acting user keyword-only, an audit row per write, e-mails only after commit.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from symbiose.mail.actions import do_queue_mail
from symbiose.registry.actions import (
    audit,
    check_save_organisation,
    do_add_member,
    do_create_user,
)
from symbiose.registry.models import Organisation, Stream
from symbiose.registry.refs import new_ref

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
def do_record_stale_reminder(stream: Stream) -> None:
    """Record that the owners were asked whether the stream is still valid."""
    audit(None, "stale-reminder", stream, confirmed_at=stream.confirmed_at)
