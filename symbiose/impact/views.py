"""Pages of the impact app: what an exchange is worth, and the business-case simulator."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from symbiose.impact.actions import do_save_scenario
from symbiose.impact.adapter import assess_pair
from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.display import FUEL_WORDS
from symbiose.impact.forms import ScenarioForm
from symbiose.impact.models import Scenario
from symbiose.registry import access


def _pair(request: HttpRequest, offer_ref: str, need_ref: str):
    try:
        offer = access.get_stream(request.user, offer_ref)
        need = access.get_stream(request.user, need_ref)
    except access.NotFound:
        raise Http404 from None
    if offer.direction != "offer" or need.direction != "need":
        raise Http404
    return offer, need


def pair(request: HttpRequest, offer_ref: str, need_ref: str) -> HttpResponse:
    """Estimate with range and breakdown; insiders can change assumptions and save scenarios."""
    offer, need = _pair(request, offer_ref, need_ref)
    viewer = access.viewer_for(request.user)
    can_save = viewer.is_insider(offer.organisation_id) or viewer.is_insider(need.organisation_id)
    form = ScenarioForm(request.POST or None, initial={"electricity_basis": "NO"})
    overrides = form.overrides() if request.method == "POST" and form.is_valid() else {}
    result, problem = None, None
    if request.method != "POST" or form.is_valid():
        try:
            result = assess_pair(offer, need, viewer=request.user, **overrides)
        except ImpactInputError as err:
            message = _(err.template).format(**err.params)
            if form.is_bound:  # an assumption the user typed: shown at its field
                form.add_error(err.field if err.field in form.fields else None, message)
            else:  # a stored value of the pair (an unbound form takes no errors)
                problem = message
    if (result is not None and request.method == "POST" and "save" in request.POST
            and can_save and request.user.is_authenticated):  # fmt: skip
        name = form.cleaned_data.get("name") or f"{offer.title} → {need.title}"
        do_save_scenario(name, result.to_dict(), acting_user=request.user, offer=offer, need=need)
        messages.success(request, _("Scenario saved."))
        return redirect(request.path)
    scenarios = []
    if can_save:
        scenarios = Scenario.objects.filter(offer=offer, need=need)[:20]
    if result is not None and result.result.energy_recovery:  # its default is its own fuel
        fuel = (result.result.counterfactual or {}).get("receiver", "")
        choices = form.fields["heat_replaced_fuel"].choices
        form.fields["heat_replaced_fuel"].choices = [
            ("", _("default (%(fuel)s)") % {"fuel": FUEL_WORDS.get(fuel, fuel)}),
            *choices[1:],
        ]
    template = "impact/_estimate.html" if request.headers.get("HX-Request") else "impact/pair.html"
    return render(request, template, {
        "offer": access.redacted(request.user, offer), "need": access.redacted(request.user, need),
        "form": form, "impact": result.to_dict() if result else None, "can_save": can_save,
        "problem": problem,
        "scenarios": scenarios,
    }, status=200 if result else 422)  # fmt: skip
