"""The ledger's page actions: record a yearly quantity on an implemented opportunity."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.facilitation.actions.opportunities import PhaseBlocked
from symbiose.facilitation.forms import EntryForm
from symbiose.facilitation.views.common import post_to_opportunity
from symbiose.ledger.actions import do_add_entry


@login_required
@require_POST
def entry(request: HttpRequest, ref: str) -> HttpResponse:
    """Append a year's quantity to the opportunity's exchange (hub facilitators and admins)."""

    def apply(opp, form):
        exchange = getattr(opp, "exchange", None)
        if exchange is None:
            raise PhaseBlocked(_("Quantities are recorded once production has started."))
        do_add_entry(exchange, **form.cleaned_data, acting_user=request.user)

    return post_to_opportunity(request, ref, EntryForm, apply)
