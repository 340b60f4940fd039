"""Forms for facilitation pages. Every error names the field and says what to do."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from symbiose.facilitation.access import workspace_users
from symbiose.facilitation.history import actor_name
from symbiose.facilitation.models import Hub, Opportunity, Workshop
from symbiose.facilitation.models.hub import CRITERIA
from symbiose.facilitation.models.opportunity import DIMENSIONS
from symbiose.inputs import CleanTextForm, CleanTextModelForm
from symbiose.registry.models import Organisation, Stream

MAX_UPLOAD = 5 * 1024 * 1024


def _range(low: float, high: float, what: str) -> dict:
    message = lazy(
        lambda: (
            _("Give %(what)s between %(low)s and %(high)s.")
            % {"what": what, "low": low, "high": high}
        ),
        str,
    )()
    return {
        "validators": [MinValueValidator(low, message), MaxValueValidator(high, message)],
        "error_messages": {"invalid": message},
    }


class HubForm(CleanTextModelForm):
    center_lat = forms.FloatField(
        label=_("Centre latitude"), required=False, **_range(-90, 90, _("a latitude"))
    )
    center_lon = forms.FloatField(
        label=_("Centre longitude"), required=False, **_range(-180, 180, _("a longitude"))
    )
    radius_km = forms.FloatField(
        label=_("Radius (km)"), required=False, **_range(0, 2000, _("a radius in km"))
    )

    class Meta:
        model = Hub
        fields = ["slug", "name", "kind", "description", "center_lat", "center_lon", "radius_km"]
        help_texts = {"slug": _("Letters, digits and hyphens, used in addresses: e.g. mo-park.")}


class MemberForm(CleanTextForm):
    """Invite an organisation (by its reference) or remove a member."""

    ref = forms.CharField(
        label=_("Organisation reference"),
        max_length=80,
        help_text=_(
            "The organisation's reference in the registry, e.g. ORG-FJORD. It joins when one "
            "of its company admins accepts the invitation."
        ),
    )

    def clean_ref(self) -> str:
        return self.cleaned_data["ref"].strip()


def no_such_organisation(ref: str) -> str:
    """The one message for a reference that is missing or that the user may not see."""
    return _(
        "No organisation has the reference “%(ref)s”; check the spelling or import it first."
    ) % {"ref": ref}


class AskToJoinHubForm(CleanTextForm):
    """A company admin asks for their organisation to join a hub."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": _("Choose an organisation you are company admin of.")},
    )
    hub = forms.ModelChoiceField(
        label=_("Hub"),
        queryset=Hub.objects.order_by("name"),
        error_messages={"invalid_choice": _("Choose one of the hubs in the list.")},
    )
    message = forms.CharField(
        label=_("Message to the facilitators"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class OpportunityForm(CleanTextModelForm):
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write the due date as YYYY-MM-DD, e.g. 2026-03-31.")},
    )

    class Meta:
        model = Opportunity
        fields = [
            "title",
            "kind",
            "description",
            "organisations",
            "streams",
            "owner",
            "next_step",
            "due_date",
        ]

    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = hub.members.all()
        self.fields["organisations"].required = False
        self.fields["streams"].queryset = (
            Stream.objects.active()
            .filter(organisation__in=hub.members.all())
            .select_related("organisation")
            .order_by("organisation__name", "title")
        )
        self.fields["streams"].required = False
        self.fields["streams"].help_text = _(
            "The hub's streams this opportunity would use; their organisations join it."
        )
        self.fields["owner"].queryset = workspace_users(hub)


def level_field(label: str) -> forms.IntegerField:
    message = _("Choose a level from 1 to 9 for %(dimension)s.") % {"dimension": label}
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=9,
        required=False,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
        widget=forms.NumberInput(attrs={"min": 1, "max": 9}),
    )


class ReadinessForm(CleanTextForm):
    note = forms.CharField(label=_("Evidence or note"), required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, label in DIMENSIONS:
            self.fields[key] = level_field(label)
        self.order_fields([k for k, _l in DIMENSIONS] + ["note"])

    def levels(self) -> dict[str, int]:
        return {k: self.cleaned_data[k] for k, _l in DIMENSIONS if self.cleaned_data.get(k)}

    def clean(self):
        data = super().clean()
        if not self.errors and not self.levels():
            raise forms.ValidationError(_("Give a level from 1 to 9 in at least one dimension."))
        return data


class ShelveForm(CleanTextForm):
    """Shelving puts an anonymised copy in the bank, which every hub's facilitators read: the
    facilitator confirms its title and description (proposed without the company names)."""

    reason = forms.CharField(
        label=_("Reason for shelving"),
        widget=forms.Textarea,
        error_messages={"required": _("Say why the opportunity is shelved, so others can learn.")},
    )
    bank_title = forms.CharField(
        label=_("Title in the bank"),
        max_length=200,
        help_text=_("Every hub's facilitators read the bank: no company names."),
        error_messages={"required": _("Give the bank entry a title without company names.")},
    )
    bank_description = forms.CharField(
        label=_("Description in the bank"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Check that it names no company and no detail a company asked to hide."),
    )


class NoteForm(CleanTextForm):
    text = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)
    document = forms.FileField(label=_("Document"), required=False)

    def clean_document(self):
        doc = self.cleaned_data.get("document")
        if doc and doc.size > 20 * 1024 * 1024:
            raise forms.ValidationError(
                _("The document is larger than 20 MB; attach a smaller one.")
            )
        return doc

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("text") and not data.get("document"):
            raise forms.ValidationError(_("Write a note or attach a document."))
        return data


class UploadForm(CleanTextForm):
    file = forms.FileField(
        label=_("File"),
        error_messages={"required": _("Choose a file to upload.")},
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than 5 MB; split it into smaller files.")
            )
        return f


class WorkshopForm(CleanTextModelForm):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "invalid": _("Write the date as YYYY-MM-DD, e.g. 2026-03-31."),
            "required": _("Give the workshop's date."),
        },
    )

    class Meta:
        model = Workshop
        fields = ["title", "date", "place", "invited", "next_steps"]

    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the hub's members (who joined by consent) may be invited: a match sheet for an
        # organisation shows its own streams in full.
        self.fields["invited"].queryset = hub.members.order_by("name")
        self.fields["invited"].required = False
        self.fields["invited"].error_messages["invalid_choice"] = _(
            "Invite only the hub's member organisations; invite others to the hub first."
        )


class EntryForm(CleanTextForm):
    year = forms.IntegerField(label=_("Year"), **_range(1990, 2100, _("a year")))
    quantity = forms.FloatField(label=_("Quantity"), **_range(0, 1e12, _("a quantity")))
    unit = forms.CharField(label=_("Unit"), max_length=20)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = datetime.date.today().year


#: What each portfolio score means, shown in every score box and under the portfolio table.
SCORE_LEVELS = [
    (0, _("not present, or no evidence yet")),
    (1, _("first ideas; nothing agreed")),
    (2, _("planned, with named people or documents")),
    (3, _("under way, with first results")),
    (4, _("working, with results documented")),
    (5, _("well established; a model for other hubs")),
]


class AssessmentForm(CleanTextForm):
    """Score each Vestland criterion 0–5 with its evidence."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, _group, label in CRITERIA:
            message = _("Score “%(criterion)s” from 0 to 5.") % {"criterion": label}
            self.fields[key] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=5,
                required=False,
                error_messages={"invalid": message, "min_value": message, "max_value": message},
                widget=forms.Select(
                    choices=[("", "—"), *((n, f"{n} – {text}") for n, text in SCORE_LEVELS)]
                ),
            )
            self.fields[f"{key}_evidence"] = forms.CharField(
                label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def scores(self) -> dict[str, tuple[int, str]]:
        d = self.cleaned_data
        return {
            k: (d[k], d.get(f"{k}_evidence", "")) for k, _g, _l in CRITERIA if d.get(k) is not None
        }


class TaskForm(CleanTextForm):
    """Reassign a follow-up task or move its due date; empty clears either."""

    assignee = forms.ModelChoiceField(
        label=_("Assigned to"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("nobody"),
        error_messages={"invalid_choice": _("Choose one of the hub's facilitators.")},
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write the due date as YYYY-MM-DD, e.g. 2026-03-31.")},
    )

    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = workspace_users(hub).order_by("email")
        self.fields["assignee"].label_from_instance = actor_name


class NewTaskForm(TaskForm):
    """A follow-up task written by hand."""

    title = forms.CharField(
        label=_("Task"),
        max_length=300,
        error_messages={"required": _("Say what is to be done.")},
    )
    field_order = ["title", "assignee", "due_date"]
