"""Sign-up, sign-in (with django-axes' lockout), sign-out and password reset."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from symbiose.web import signin
from symbiose.web.actions import do_request_sign_up, do_sign_up, read_sign_up_token
from symbiose.web.forms import ChoosePasswordForm, SignUpForm, org_number_or_error


class SignInView(auth_views.LoginView):
    """Django's sign-in; django-axes counts failures and answers a locked pair or address
    with :func:`symbiose.web.signin.locked_out` (429)."""

    template_name = "web/accounts/login.html"
    redirect_authenticated_user = True


def sign_up(request: HttpRequest) -> HttpResponse:
    """Name and e-mail; the next step arrives by e-mail whether or not the address is known.

    An organisation number typed above the form (``?org_number=``) is looked up in the loaded
    public register and its name, address and industry proposed; if the user ticks that it is
    theirs, the organisation form is filled in from it after sign-up.
    """
    lookup = _register_proposal(request.GET.get("org_number", ""))
    form = SignUpForm(request.POST or None, initial={"org_number": lookup.get("number", "")})
    context = {"form": form, "lookup": lookup}
    if request.method == "POST" and form.is_valid():
        by_address, by_email = signin.mail_allowed(request, "signup")
        if not by_address:
            return render(request, "web/accounts/signup.html", {**context, "limited": True},
                          status=429)  # fmt: skip
        email = form.cleaned_data["email"]
        if by_email:  # over the per-address limit nothing more is sent, and nothing is said
            url = request.build_absolute_uri
            do_request_sign_up(email, form.cleaned_data["name"], links={
                "confirm": url(reverse("web:signup_confirm", args=["TOKEN"])).replace(
                    "TOKEN", "{token}"),
                "login": url(reverse("web:login")), "reset": url(reverse("web:password_reset")),
            }, org_number=form.chosen_org_number())  # fmt: skip
        request.session["signup_email"] = email
        return redirect("web:signup_sent")
    return render(request, "web/accounts/signup.html", context)


def _register_proposal(typed: str) -> dict[str, Any]:
    """What the register says about a typed organisation number: ``error`` (not a valid
    number), ``missing`` (not in the register loaded here) or ``found`` (the form values) and
    ``industry`` (its NACE code as text); empty when nothing was typed. Public register data
    only: whether the organisation is on Symbiose is never told here."""
    from symbiose.registry.lookup import organisation_values
    from symbiose.web.nacetext import nace_text

    if not typed.strip():
        return {}
    try:
        number = org_number_or_error(typed)
    except ValidationError as err:
        return {"typed": typed, "error": err.messages[0]}
    values = organisation_values(number)
    if values is None:
        return {"typed": typed, "missing": True}
    industry = nace_text(values["nace"]) if values["nace"] else ""
    return {"typed": typed, "number": number, "found": values, "industry": industry}


def sign_up_sent(request: HttpRequest) -> HttpResponse:
    email = request.session.get("signup_email", "")
    return render(request, "web/accounts/signup_sent.html", {"email": email})


def sign_up_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """From the e-mailed link: choose a password; the account is made and signed in."""
    data = read_sign_up_token(token)
    if data is None:
        return render(request, "web/accounts/signup_confirm.html", {"invalid": True}, status=400)
    if get_user_model().objects.filter(username=data["email"]).exists():
        messages.info(request, _("This account exists already: sign in."))
        return redirect("web:login")
    form = ChoosePasswordForm(request.POST or None, email=data["email"], name=data["name"])
    if request.method == "POST" and form.is_valid():
        try:
            user = do_sign_up(data["email"], form.cleaned_data["password"], name=data["name"])
        except IntegrityError:  # the same link used twice at once
            return redirect("web:login")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if data["org_number"]:
            messages.success(request, _("Welcome! Check your organisation's details from the "
                                        "register, place your site and save."))  # fmt: skip
            return redirect(reverse("web:org_new") + "?" + urlencode(
                {"org_number": data["org_number"]}))  # fmt: skip
        messages.success(request, _("Welcome! Start by registering your organisation."))
        return redirect("web:org_new")
    return render(request, "web/accounts/signup_confirm.html",
                  {"form": form, "email": data["email"]})  # fmt: skip


_password_reset = auth_views.PasswordResetView.as_view(
    template_name="web/accounts/password_reset.html",
    email_template_name="web/accounts/password_reset_email.txt",
    subject_template_name="web/accounts/password_reset_subject.txt",
    success_url=reverse_lazy("web:password_reset_done"),
)


def password_reset(request: HttpRequest) -> HttpResponse:
    """Django's password reset, rate-limited per address and per e-mail (``signin.py``)."""
    if request.method == "POST":
        by_address, by_email = signin.mail_allowed(request, "pwreset")
        if not by_address:
            context = {"form": PasswordResetForm(), "limited": True}
            return render(request, "web/accounts/password_reset.html", context, status=429)
        if not by_email:
            return redirect("web:password_reset_done")  # looks sent; nothing goes out
    return _password_reset(request)


password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="web/accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="web/accounts/password_reset_confirm.html",
    success_url=reverse_lazy("web:login"),
)
