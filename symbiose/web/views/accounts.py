"""Sign-up, sign-in (with django-axes' lockout), sign-out and password reset."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from symbiose.web import signin
from symbiose.web.actions import do_sign_up
from symbiose.web.forms import SignUpForm


class SignInView(auth_views.LoginView):
    """Django's sign-in; django-axes counts failures and answers a locked pair or address
    with :func:`symbiose.web.signin.locked_out` (429)."""

    template_name = "web/accounts/login.html"
    redirect_authenticated_user = True


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = do_sign_up(data["email"], data["password"], name=data["name"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Start by registering your organisation."))
        return redirect("web:org_new")
    return render(request, "web/accounts/signup.html", {"form": form})


_password_reset = auth_views.PasswordResetView.as_view(
    template_name="web/accounts/password_reset.html",
    email_template_name="web/accounts/password_reset_email.txt",
    subject_template_name="web/accounts/password_reset_subject.txt",
    success_url=reverse_lazy("web:password_reset_done"),
)


def password_reset(request: HttpRequest) -> HttpResponse:
    """Django's password reset, rate-limited per address and per e-mail (``signin.py``)."""
    if request.method == "POST":
        by_address, by_email = signin.reset_allowed(request)
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
