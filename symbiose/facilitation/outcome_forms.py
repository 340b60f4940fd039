"""Forms for phase-3 outcomes. Every error sits at its field and says what to give instead."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from symbiose.facilitation.forms import _range
from symbiose.facilitation.models import Funding, Outcome, Permit
from symbiose.inputs import CleanTextModelForm

#: More jobs than this from one exchange is a typing error (Norway's largest plants employ
#: a few thousand).
MAX_JOBS = 100_000
#: NOK 1 000 billion: above any single industrial investment.
MAX_NOK = 10**12
EARLIEST = datetime.date(1990, 1, 1)


def _date(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Give a date as YYYY-MM-DD, e.g. 2026-03-31.")},
    )


def _check_date(form: forms.Form, name: str) -> None:
    value = form.cleaned_data.get(name)
    latest = datetime.date.today() + datetime.timedelta(days=366 * 10)
    if value is not None and not EARLIEST <= value <= latest:
        form.add_error(name, _("Give a date between 1990 and ten years from now."))


def _jobs(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, **_range(0, MAX_JOBS, _("a number of full-time jobs"))
    )


def _nok(label, *, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=required, **_range(0, MAX_NOK, _("an amount in whole NOK"))
    )


class OutcomeForm(CleanTextModelForm):
    """Jobs and investment, planned and realised; a blank field means not known yet."""

    jobs_planned = _jobs(_("jobs planned"))
    jobs_created = _jobs(_("jobs created"))
    investment_planned_nok = _nok(_("investment planned (NOK)"))
    investment_made_nok = _nok(_("investment made (NOK)"))

    class Meta:
        model = Outcome
        fields = ["jobs_planned", "jobs_created", "investment_planned_nok", "investment_made_nok"]
        help_texts = {
            "jobs_created": _("Full-time jobs that exist because of this exchange."),
            "investment_made_nok": _("Money actually spent, in whole NOK, without VAT."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jobs_created"].help_text = self._meta.help_texts["jobs_created"]
        self.fields["investment_made_nok"].help_text = self._meta.help_texts["investment_made_nok"]


class FundingForm(CleanTextModelForm):
    amount_nok = _nok(_("amount (NOK)"), required=True)
    decided_on = _date(_("date"))

    class Meta:
        model = Funding
        fields = ["scheme", "amount_nok", "status", "decided_on", "note"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scheme"].help_text = _("e.g. Enova, Innovasjon Norge, the county's fund")

    def clean(self):
        data = super().clean()
        _check_date(self, "decided_on")
        if data.get("status") == "received" and not data.get("decided_on"):
            self.add_error("decided_on", _("Give the date the money was received."))
        return data


class PermitForm(CleanTextModelForm):
    applied_on = _date(_("applied on"))
    decided_on = _date(_("decided on"))

    class Meta:
        model = Permit
        fields = ["authority", "subject", "status", "applied_on", "decided_on"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].help_text = _("e.g. Statsforvalteren, Miljødirektoratet")
        self.fields["subject"].help_text = _("e.g. discharge permit, building permit")

    def clean(self):
        data = super().clean()
        _check_date(self, "applied_on")
        _check_date(self, "decided_on")
        applied, decided = data.get("applied_on"), data.get("decided_on")
        if applied and decided and decided < applied:
            self.add_error("decided_on", _("The decision cannot come before the application."))
        if data.get("status") in {"granted", "refused"} and not decided:
            self.add_error("decided_on", _("Give the date of the decision."))
        return data
