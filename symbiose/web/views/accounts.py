"""Sign-up, sign-in with throttling, sign-out and password reset."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from symbiose.web.actions import do_sign_up
from symbiose.web.forms import SignUpForm

#: Failed sign-ins allowed per e-mail and per address within the window. The counts live in
#: the default cache, which settings make shared by all workers (a database table unless
#: ``SYMBIOSE_CACHE_URL`` says otherwise), so several gunicorn workers do not multiply the limit.
MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _keys(request: HttpRequest) -> list[str]:
    email = (request.POST.get("username") or "").strip().lower()
    addr = request.META.get("REMOTE_ADDR", "")
    return [f"login-fail:user:{email}", f"login-fail:addr:{addr}"]


def throttled(request: HttpRequest) -> bool:
    return any((cache.get(k) or 0) >= MAX_FAILURES for k in _keys(request))


def record_failure(request: HttpRequest) -> None:
    """Count a failed sign-in for the e-mail and the address.

    get + set with the window as timeout (not ``incr``: on the database cache it would reset
    the expiry to the cache's default), so the window runs from the last failure. Two
    simultaneous failures may count once; the limit stays about five, not five per worker.
    """
    for key in _keys(request):
        cache.set(key, (cache.get(key) or 0) + 1, WINDOW_SECONDS)


class ThrottledLoginView(auth_views.LoginView):
    """Django's sign-in, refusing further tries after repeated failures."""

    template_name = "web/accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if throttled(request):
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None, _("Too many failed sign-ins. Wait 15 minutes or reset your password.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        record_failure(self.request)
        return super().form_invalid(form)

    def form_valid(self, form):
        for key in _keys(self.request):
            cache.delete(key)  # write-ok: the cache, not a model
        return super().form_valid(form)


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = do_sign_up(data["email"], data["password"], name=data["name"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Start by registering your organisation."))
        return redirect("web:org_new")
    return render(request, "web/accounts/signup.html", {"form": form})


password_reset = auth_views.PasswordResetView.as_view(
    template_name="web/accounts/password_reset.html",
    email_template_name="web/accounts/password_reset_email.txt",
    subject_template_name="web/accounts/password_reset_subject.txt",
    success_url=reverse_lazy("web:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="web/accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="web/accounts/password_reset_confirm.html",
    success_url=reverse_lazy("web:login"),
)
