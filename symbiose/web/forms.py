"""Web forms. Field rules come from :mod:`symbiose.registry.template`, shared with imports,
so a value accepted here is accepted by the spreadsheet import and the API, and the error
texts are the same translated templates.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from symbiose.inputs import CleanTextForm
from symbiose.registry.models import CATEGORIES, DIRECTIONS, LEGAL_STATUSES, SENSITIVE_FIELDS
from symbiose.registry.models.stream import CURRENT_PRACTICES, PERIODS, VISIBILITIES
from symbiose.registry.template import RowResult, parse_organisation, parse_stream
from symbiose.registry.unit_labels import unit_choices
from symbiose.registry.units import UNIT_CHOICES
from symbiose.registry.validation import (
    DEFAULT_SENSITIVE,
    FieldError,
    clean_float,
    clean_org_number,
)

#: One sentence per confidentiality choice, shown beside it.
VISIBILITY_HELP = {
    "public": _("Anyone, also without an account, sees the title, category and the fields you "
                "have not marked sensitive."),
    "members": _("Only people in verified organisations see the stream: the organisation "
                 "number is checked and a hub facilitator has accepted the organisation into a "
                 "hub (or a platform administrator approved it). Creating an account is not "
                 "enough, and anonymous visitors do not see it."),
    "facilitator": _("Only your organisation and the facilitators of your hub see the stream; "
                     "it is still used to find matches."),
}  # fmt: skip
SENSITIVE_HELP = _(
    "Sensitive fields are hidden from everyone except your organisation and your hub's "
    "facilitators, until you accept a contact request and choose to reveal them."
)


#: Rough bounds of mainland Norway and its coast for a stream's own site (degrees).
SITE_BOUNDS = {"lat": (57.5, 71.5), "lon": (4.0, 31.5)}
SITE_ERRORS = {
    "lat": _("Latitude must be a number between %(min)s and %(max)s (degrees north, inside "
             "Norway), e.g. 59.91. Click the map to place the site, or clear it to use the "
             "organisation's site."),
    "lon": _("Longitude must be a number between %(min)s and %(max)s (degrees east, inside "
             "Norway), e.g. 10.75. Click the map to place the site, or clear it to use the "
             "organisation's site."),
}  # fmt: skip


def clean_site_coordinate(value: str, field: str) -> str:
    """A stream site's latitude or longitude as typed, if it lies within Norway's rough bounds."""
    low, high = SITE_BOUNDS[field]
    try:
        number = clean_float(value, field)
    except FieldError:
        number = float("nan")
    if number is not None and not low <= number <= high:  # NaN fails the comparison too
        raise forms.ValidationError(
            SITE_ERRORS[field], params={"min": number_format(low), "max": number_format(high)}
        )
    return value


def field_message(err: FieldError) -> str:
    """A parser problem as a sentence under a form field: translated, with a capital first
    letter unless it begins with what the user typed (``abc is not a number`` stays as typed).
    The same templates start in lower case in an import's row list ("row 3, quantity: …")."""
    text = gettext(err.template)
    return (text if text.startswith("{") else capfirst(text)).format(**err.params)


def add_row_errors(form: forms.Form, result: RowResult, field_map: dict[str, str]) -> None:
    """Put the parser's problems on the form fields, translated."""
    for err in result.errors:
        field = field_map.get(err.field, err.field)
        form.add_error(field if field in form.fields else None, field_message(err))


class SignUpForm(CleanTextForm):
    """Name and e-mail; the password is chosen from the link sent by e-mail (so the page
    never tells whether an address already has an account)."""

    name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"))
    #: Set from the register look-up above the form (``web/views/signup_register.py``).
    org_number = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm_org = forms.BooleanField(
        label=_("Yes, this is my organisation: fill it in for me after sign-up"), required=False
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_org_number(self) -> str:
        return org_number_or_error(self.cleaned_data["org_number"])

    def chosen_org_number(self) -> str:
        """The organisation number to fill in after sign-up: only one the user confirmed."""
        return self.cleaned_data["org_number"] if self.cleaned_data.get("confirm_org") else ""


def org_number_or_error(value: str) -> str:
    """A valid organisation number (spaces removed) or a form error in the user's language."""
    try:
        return clean_org_number(value)
    except FieldError as err:
        raise forms.ValidationError(field_message(err)) from None


#: Django 5.2 changed this validator message and its own nb catalogue still has the old one,
#: so Norwegian pages showed it in English; listed here to give it our nb translation.
DJANGO_MESSAGES = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
]


class ChoosePasswordForm(CleanTextForm):
    """The password of a new account, checked by Django's validators against its e-mail."""

    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits, not a common password."),
    )

    def __init__(self, *args: Any, email: str = "", name: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.probe = get_user_model()(username=email, email=email, first_name=name)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_validation.validate_password(password, self.probe)
        return password


class OrganisationForm(CleanTextForm):
    name = forms.CharField(label=_("Organisation name"), max_length=200)
    org_number = forms.CharField(
        label=_("Organisation number"),
        required=False,
        help_text=_("Nine digits, from the Brønnøysund Register Centre."),
    )
    nace = forms.CharField(
        label=_("Industry (NACE code)"),
        required=False,
        help_text=_("Type what you do in plain words and pick a suggestion, e.g. 'sawmill'."),
    )
    municipality = forms.CharField(label=_("Municipality"), max_length=100, required=False)
    lat = forms.CharField(label=_("Latitude"), required=False)
    lon = forms.CharField(label=_("Longitude"), required=False)
    description = forms.CharField(label=_("About the organisation"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # The form suggests Rev. 2.1 codes; a Rev. 2 code still gets its conversion message.
        result = parse_organisation({**data, "ref": "NEW", "nace_revision": "2.1"})
        add_row_errors(self, result, {})
        return data


class StreamForm(CleanTextForm):
    direction = forms.ChoiceField(label=_("Do you have it or need it?"), choices=DIRECTIONS,
                                  widget=forms.RadioSelect)  # fmt: skip
    category = forms.ChoiceField(label=_("Kind"), choices=CATEGORIES)
    title = forms.CharField(
        label=_("Describe it in a few words"),
        max_length=200,
        help_text=_("In Norwegian or English, e.g. 'wood chips from the sawmill'."),
    )
    ewc_code = forms.CharField(
        label=_("Waste code (EWC)"),
        required=False,
        help_text=_("Optional. Pick one of the suggestions below the title, or leave empty."),
    )
    description = forms.CharField(label=_("Details"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    composition = forms.CharField(label=_("Composition"), required=False)
    quantity = forms.CharField(label=_("Quantity"), required=False,
                               widget=forms.TextInput(attrs={"inputmode": "decimal"}))  # fmt: skip
    unit = forms.ChoiceField(label=_("Unit"), required=False,
                             choices=[("", "—"), *unit_choices(UNIT_CHOICES)])  # fmt: skip
    period = forms.ChoiceField(label=_("Per"), choices=PERIODS, initial="year")
    temperature_c = forms.CharField(label=_("Temperature (°C)"), required=False)
    legal_status = forms.ChoiceField(label=_("Legal status"), required=False,
                                     choices=[("", _("don't know"))] + LEGAL_STATUSES)  # fmt: skip
    accepts_hazardous = forms.BooleanField(
        label=_("We are permitted to receive hazardous waste"),
        required=False,
        help_text=_("Only for needs: tick if you hold a permit for hazardous waste."),
    )
    price_nok_per_unit = forms.CharField(
        label=_("Price (NOK per unit)"),
        required=False,
        help_text=_("Negative if you pay to get rid of it today."),
    )
    current_practice = forms.ChoiceField(
        label=_("What happens to it today?"), required=False,
        choices=[("", _("don't know: use the usual practice for this material"))]
        + CURRENT_PRACTICES,
        help_text=_("For an offer: where it goes today. For a need: what you use today. "
                    "The value of an exchange is counted against this."),
    )  # fmt: skip
    visibility = forms.ChoiceField(
        label=_("Who may see it"), choices=VISIBILITIES, initial="members",
        widget=forms.RadioSelect,
    )  # fmt: skip
    sensitive_fields = forms.MultipleChoiceField(
        label=_("Sensitive fields"),
        choices=SENSITIVE_FIELDS,
        initial=list(DEFAULT_SENSITIVE),  # an analysis is hidden until the company shows it
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=SENSITIVE_HELP,
    )
    # The stream's own site; empty means the organisation's site.
    lat = forms.CharField(label=_("Latitude"), required=False,
                          widget=forms.TextInput(attrs={"inputmode": "decimal"}))  # fmt: skip
    lon = forms.CharField(label=_("Longitude"), required=False,
                          widget=forms.TextInput(attrs={"inputmode": "decimal"}))  # fmt: skip

    def clean_lat(self) -> str:
        return clean_site_coordinate(self.cleaned_data.get("lat", ""), "lat")

    def clean_lon(self) -> str:
        return clean_site_coordinate(self.cleaned_data.get("lon", ""), "lon")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        row = {**data, "ref": "NEW", "organisation_ref": "NEW"}
        if "lat" in self.errors or "lon" in self.errors:  # already said which field is wrong
            row["lat"] = row["lon"] = ""
        row["sensitive_fields"] = ";".join(data.get("sensitive_fields") or [])
        row["accepts_hazardous"] = "yes" if data.get("accepts_hazardous") else "no"
        row["hazardous"] = ""
        result = parse_stream(row)
        add_row_errors(self, result, {})
        self.parsed = result.data
        return data


def stream_initial(stream: Any) -> dict[str, Any]:
    """Form values for editing an existing stream."""
    from django.utils.formats import number_format

    def num(v: float | None) -> str:
        return "" if v is None else number_format(v, use_l10n=True, force_grouping=False)

    return {
        "direction": stream.direction,
        "category": stream.category,
        "title": stream.title,
        "ewc_code": stream.ewc_display.rstrip("*"),
        "description": stream.description,
        "composition": stream.composition,
        "quantity": num(stream.quantity),
        "unit": stream.unit,
        "period": stream.period,
        "temperature_c": num(stream.temperature_c),
        "lat": num(stream.lat),
        "lon": num(stream.lon),
        "legal_status": stream.legal_status,
        "accepts_hazardous": stream.accepts_hazardous,
        "price_nok_per_unit": num(stream.price_nok_per_unit),
        "current_practice": stream.current_practice,
        "visibility": stream.visibility,
        "sensitive_fields": stream.sensitive_fields,
    }


class InviteForm(CleanTextForm):
    email = forms.EmailField(label=_("Colleague's e-mail"))


class JoinForm(CleanTextForm):
    message = forms.CharField(
        label=_("A few words to the company admins"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who you are and what you do there; they see your e-mail address."),
    )
