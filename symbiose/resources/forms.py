"""The composition part of the company's stream form: analysis rows and CRM tags.

Rows are checked by the same rules as the import (:mod:`symbiose.resources.validation`), so a
value accepted here is accepted there, with the same translated messages at the same place.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from symbiose.inputs import CleanTextForm
from symbiose.registry.models import SENSITIVE_FIELDS, Stream
from symbiose.registry.models.organisation import ORGANISATION_KINDS
from symbiose.registry.models.stream import VISIBILITIES
from symbiose.registry.template import parse_stream
from symbiose.registry.validation import DEFAULT_SENSITIVE
from symbiose.resources.models import (
    ACCESSIBILITY,
    ANALYSIS_METHODS,
    COMPETENCE_KINDS,
    CONTENT_UNITS,
    DEPOSIT_KINDS,
    DEPOSIT_SETTINGS,
    PERMIT_STATUSES,
)
from symbiose.resources.validation import duplicate_substances, parse_composition_row
from symbiose.taxonomy.lists import load_crm
from symbiose.taxonomy.technologies import load_technologies, technologies_by_id

#: Empty rows shown below the stored ones, so a company can add without JavaScript.
EXTRA_ROWS = 3


class CompositionRowForm(CleanTextForm):
    substance = forms.CharField(
        label=_("Element or compound"), required=False, max_length=40,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Ga, gallium, SiO2"),
                                      "style": "min-width: 8rem"}),
    )  # fmt: skip
    content = forms.CharField(
        label=_("Content"), required=False, max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "style": "min-width: 5rem"}),
    )  # fmt: skip
    unit = forms.ChoiceField(label=_("Unit"), required=False, choices=CONTENT_UNITS,
                             widget=forms.Select(attrs={"style": "min-width: 7rem"}))  # fmt: skip
    analysed_on = forms.CharField(
        label=_("Analysis date"), required=False, max_length=10,
        widget=forms.TextInput(attrs={"placeholder": "2026-03-31", "style": "min-width: 8rem"}),
    )  # fmt: skip
    method = forms.ChoiceField(
        label=_("Method"), required=False, choices=[("", _("not given")), *ANALYSIS_METHODS]
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(str(data.get(k) or "").strip() for k in ("substance", "content"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.is_blank():
            return data
        result = parse_composition_row(data, with_ref=False)
        for err in result.errors:
            message = gettext(err.template).format(**err.params)
            self.add_error(err.field if err.field in self.fields else None, message)
        self.parsed = result.data
        return data


class BaseCompositionFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        rows = [f.parsed for f in self.forms if not f.is_blank()]
        forms_with_rows = [f for f in self.forms if not f.is_blank()]
        for i in duplicate_substances(rows):
            forms_with_rows[i].add_error(
                "substance",
                gettext("{value} is given twice for this stream").format(
                    value=rows[i]["substance"]
                ),
            )

    def rows(self) -> list[dict[str, Any]] | None:
        """The cleaned rows, blank ones left out (call after ``is_valid()``); ``None`` when
        the form was posted without this part (the stored rows stay as they are)."""
        if not self.is_bound:
            return None
        return [f.parsed for f in self.forms if not f.is_blank()]


CompositionFormSet = forms.formset_factory(
    CompositionRowForm, formset=BaseCompositionFormSet, extra=EXTRA_ROWS, max_num=50,
    validate_max=True,
)  # fmt: skip


def composition_formset(data: Any, stream: Stream | None) -> BaseCompositionFormSet:
    """The formset for a new stream (empty) or an existing one (its stored rows)."""
    initial = []
    if stream is not None:
        for r in stream.composition_rows.all():
            initial.append(
                {
                    "substance": r.substance,
                    "content": number_format(r.content, use_l10n=True, force_grouping=False),
                    "unit": r.unit,
                    "analysed_on": r.analysed_on.isoformat() if r.analysed_on else "",
                    "method": r.method,
                }
            )
    return CompositionFormSet(data, initial=initial, prefix="composition")


def crm_choices() -> list[tuple[str, str]]:
    lang = get_language() or "nb"
    return [(m.id, m.name(lang)) for m in load_crm()]


class CrmForm(forms.Form):
    """The critical raw materials a stream contains (its CRM tags, hidden with
    ``composition``)."""

    crm = forms.MultipleChoiceField(
        label=_("Critical raw materials it contains"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The EU list (Regulation (EU) 2024/1252). Hidden from others when you mark "
                    "composition sensitive."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["crm"].choices = crm_choices()


def composition_forms(data: Any, stream: Stream | None) -> tuple[BaseCompositionFormSet, CrmForm]:
    """The analysis rows and CRM tags of the stream form, filled from ``stream`` if given."""
    if data is not None and "composition-TOTAL_FORMS" not in data:
        data = None  # posted by something other than this form: keep what is stored
    crm = CrmForm(data, initial={"crm": list(stream.crm or [])} if stream else None)
    return composition_formset(data, stream), crm


def valid(*parts: forms.Form | forms.BaseFormSet) -> bool:
    """Whether every bound form is valid (each one is checked, so each shows its errors);
    an unbound part (not posted) counts as valid."""
    return all([f.is_valid() for f in parts if f.is_bound])


def crm_values(crm: CrmForm) -> dict[str, list[str]]:
    """``{"crm": [...]}`` to save, or nothing when the CRM part was not posted."""
    return {"crm": crm.cleaned_data["crm"]} if crm.is_bound else {}


class OrganisationKindForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of organisation"), choices=ORGANISATION_KINDS)


def technology_choices() -> list[tuple[str, str]]:
    lang = get_language() or "nb"
    return [("", _("none of these")), *((t.id, t.name(lang)) for t in load_technologies())]


class CompetenceForm(CleanTextForm):
    """One competence: shown to everyone with the organisation's name (it is published)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=COMPETENCE_KINDS)
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("e.g. 'Pilot plant for leaching of dusts'"))  # fmt: skip
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    technology = forms.ChoiceField(label=_("Technology"), required=False)
    crm = forms.MultipleChoiceField(label=_("Critical raw materials"), required=False,
                                    widget=forms.CheckboxSelectMultiple)  # fmt: skip
    trl = forms.TypedChoiceField(
        label=_("Technology readiness level (TRL)"), required=False, coerce=int,
        empty_value=None, choices=[("", "—"), *((str(n), str(n)) for n in range(1, 10))],
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["technology"].choices = technology_choices()
        self.fields["crm"].choices = crm_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        tech = technologies_by_id().get(data.get("technology") or "")
        # a competence in a catalogue technology applies to that technology's classes
        data["material_classes"] = list(tech.material_classes) if tech else []
        return data


class DepositForm(CleanTextForm):
    """A deposit or landfill: a stock of tonnes, offered once (``resources.Deposit``)."""

    title = forms.CharField(label=_("Name of the deposit"), max_length=200,
                            help_text=_("e.g. 'Old slag heap at the quay'"))  # fmt: skip
    description = forms.CharField(label=_("Details"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    ewc_code = forms.CharField(label=_("Waste code (EWC)"), required=False)
    quantity = forms.CharField(label=_("Tonnes"), required=False,
                               widget=forms.TextInput(attrs={"inputmode": "decimal"}))  # fmt: skip
    tonnes_estimated = forms.BooleanField(label=_("The tonnage is an estimate"), required=False,
                                          initial=True)  # fmt: skip
    kind = forms.ChoiceField(label=_("Kind"), choices=DEPOSIT_KINDS, initial="deposit",
                             required=False)  # fmt: skip
    setting = forms.ChoiceField(label=_("Onshore or offshore"), choices=DEPOSIT_SETTINGS)
    accessibility = forms.ChoiceField(label=_("Accessibility"), choices=ACCESSIBILITY,
                                      initial="unknown")  # fmt: skip
    permit_status = forms.ChoiceField(label=_("Permit to excavate or recover"),
                                      choices=PERMIT_STATUSES, initial="unknown")  # fmt: skip
    owner = forms.CharField(label=_("Owner, if not your organisation"), required=False,
                            max_length=200)  # fmt: skip
    source = forms.CharField(
        label=_("Where the data comes from"), required=False, max_length=300,
        help_text=_("e.g. 'our survey 2019', 'the municipality's register'"),
    )  # fmt: skip
    lat = forms.CharField(label=_("Latitude"), required=False)
    lon = forms.CharField(label=_("Longitude"), required=False)
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=VISIBILITIES,
                                   initial="members", widget=forms.RadioSelect)  # fmt: skip
    sensitive_fields = forms.MultipleChoiceField(
        label=_("Sensitive fields"), choices=SENSITIVE_FIELDS, required=False,
        initial=list(DEFAULT_SENSITIVE), widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        row = {**data, "ref": "NEW", "organisation_ref": "NEW", "direction": "offer",
               "category": "material", "unit": "t", "period": "once",
               "sensitive_fields": ";".join(data.get("sensitive_fields") or []),
               "hazardous": ""}  # fmt: skip
        result = parse_stream(row)
        for err in result.errors:
            message = gettext(err.template).format(**err.params)
            self.add_error(err.field if err.field in self.fields else None, message)
        keep = (
            "title",
            "description",
            "ewc_code",
            "hazardous",
            "quantity",
            "unit",
            "period",
            "annual_quantity",
            "annual_unit",
            "lat",
            "lon",
            "visibility",
            "sensitive_fields",
        )
        self.stream_values = {k: result.data[k] for k in keep if k in result.data}
        self.details = {
            k: data.get(k)
            for k in (
                "kind",
                "setting",
                "accessibility",
                "permit_status",
                "owner",
                "source",
                "tonnes_estimated",
            )
        }
        self.details["kind"] = self.details["kind"] or "deposit"  # as before kinds existed
        return data
