"""Forms for regional work. Every error sits at its field and says what to give instead."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from symbiose.facilitation.forms import _range
from symbiose.facilitation.models import Hub
from symbiose.inputs import CleanTextForm, CleanTextModelForm
from symbiose.regional.models import Target


class HubChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Hub) -> str:
        return obj.name


class OpenRoundForm(CleanTextForm):
    """Open the yearly round in one or more hubs the user works in."""

    hubs = HubChoices(
        queryset=Hub.objects.none(),
        label=_("Hubs"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one hub.")},
    )
    year = forms.IntegerField(label=_("Year"), **_range(2000, 2100, _("a year")))
    deadline = forms.DateField(
        label=_("Answer by"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Give a date as YYYY-MM-DD, e.g. 2026-03-31.")},
    )

    def __init__(self, *args, hubs=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hubs"].queryset = hubs if hubs is not None else Hub.objects.none()
        today = datetime.date.today()
        self.fields["year"].initial = today.year
        self.fields["deadline"].initial = today + datetime.timedelta(days=30)

    def clean_deadline(self) -> datetime.date:
        deadline = self.cleaned_data["deadline"]
        today = datetime.date.today()
        if not today <= deadline <= today + datetime.timedelta(days=366):
            raise forms.ValidationError(_("Give a date from today and within a year."))
        return deadline


class TargetForm(CleanTextModelForm):
    hubs = HubChoices(
        queryset=Hub.objects.none(),
        label=_("Hubs counted"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one hub.")},
    )
    value = forms.FloatField(label=_("Target value"), **_range(0, 1e13, _("a target value")))
    year = forms.IntegerField(label=_("Year"), **_range(2000, 2100, _("a year")))

    class Meta:
        model = Target
        fields = ["region", "metric", "value", "year", "hubs", "source", "is_demo"]

    def __init__(self, *args, hubs=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hubs"].queryset = hubs if hubs is not None else Hub.objects.none()
        self.fields["region"].help_text = _("e.g. Innlandet county")
        self.fields["source"].help_text = _("Where the target comes from, e.g. the county plan.")
        if self.instance.pk:
            self.initial["hubs"] = list(self.instance.hubs.all())
