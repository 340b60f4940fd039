"""Text hygiene for Django forms and API schemas: the rule of ``registry/validation.py``.

:func:`symbiose.registry.validation.forbidden_character` is the one rule (NUL, other control
characters, bidi controls, lone surrogates) used by the listing template, and so by imports,
the stream and organisation forms and the actions. This module applies the same rule where
text comes in any other way:

* :class:`CleanTextForm` — base for Django forms: every text field refuses such characters
  at its field, and a free-text field without a limit gets one (:data:`LONG_TEXT`);
* :data:`SafeText` — an annotated ``str`` for django-ninja schemas (422 naming the field);
* :func:`text_problem` — the translated message, for hand-written readers (the bank format);
* :class:`LocalisedFileInput` — a file picker whose button and "no file chosen" text are in
  the page's language (the browser's own follow the browser's language); forms built on
  :class:`CleanTextForm` get it for every file field;
* :class:`RefuseNulMiddleware` — a NUL in a query parameter is a 400 naming the parameter,
  for views that read ``request.GET`` directly (PostgreSQL cannot store or even compare a
  NUL, so it would otherwise be a 500). Forms refuse it at the field (Django's own rule).
"""

from __future__ import annotations

from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext
from pydantic import AfterValidator

from symbiose.registry.validation import LONG_TEXT, forbidden_character

#: Longest one-line text typed in a form field that sets no limit of its own.
SHORT_TEXT = 300


def text_problem(value: str) -> str | None:
    """The translated complaint about ``value``'s first forbidden character, or ``None``."""
    bad = forbidden_character(value)
    if bad is None:
        return None
    return gettext(
        "contains an invisible control character ({char}) at position {position}"
    ).format(char=bad[0], position=bad[1])


def validate_text(value: Any) -> None:
    """Django validator: refuse control and bidi characters (see :func:`text_problem`)."""
    problem = text_problem(str(value))
    if problem:
        raise ValidationError(problem, code="control_character")


class CleanTextForm(forms.Form):
    """A form whose every text field follows the platform's text rule.

    Password fields are left alone (a password is never shown and may hold any character).
    Fields without ``max_length`` get one: :data:`LONG_TEXT` for text areas,
    :data:`SHORT_TEXT` for one-line inputs, so no message can grow without bound.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        harden_text_fields(self)
        localise_file_inputs(self)


class CleanTextModelForm(forms.ModelForm):
    """:class:`CleanTextForm` for model forms."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        harden_text_fields(self)
        localise_file_inputs(self)


class LocalisedFileInput(forms.FileInput):
    """A file input drawn as our own button ("Velg en fil" / "Choose a file") and file name.

    The browser's own button and "No file chosen" text follow the browser's language, not
    the page's, so a Norwegian page showed English there. The real input lies, invisible,
    over our button: a click or a keypress on it opens the browser's picker as before, and
    ``web/app.js`` writes the chosen file's name beside the button.
    """

    template_name = "web/widgets/file_input.html"


def localise_file_inputs(form: forms.BaseForm) -> None:
    """Give every plain file field of ``form`` a :class:`LocalisedFileInput`.

    A field that already has a file (a model form's ``ClearableFileInput`` with an initial
    value) keeps Django's widget, which offers to clear it.
    """
    for name, field in form.fields.items():
        if type(field.widget) not in (forms.FileInput, forms.ClearableFileInput):
            continue
        if form.initial.get(name) or field.initial:
            continue
        widget = LocalisedFileInput(attrs=field.widget.attrs)
        widget.is_required = field.widget.is_required
        field.widget = widget


def harden_text_fields(form: forms.BaseForm) -> None:
    """Add the text rule and a length limit to every text field of ``form``."""
    for field in form.fields.values():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        field.validators.append(validate_text)
        if field.max_length is None:
            limit = LONG_TEXT if isinstance(field.widget, forms.Textarea) else SHORT_TEXT
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
            field.widget.attrs.setdefault("maxlength", str(limit))


def _safe(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


#: A ``str`` for API schemas that refuses control and bidi characters (422 at the field).
SafeText = Annotated[str, AfterValidator(_safe)]


class RefuseNulMiddleware:
    """Answer 400, naming the parameter, when a query parameter contains a NUL."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                message = gettext("The parameter {name} contains a NUL character.")
                return HttpResponseBadRequest(
                    message.format(name=key.replace("\x00", "")), content_type="text/plain"
                )
        return self.get_response(request)
