"""Demo saved searches and a watch that fires through the task queue (``symbiose demo``).

The hub facilitator of the first demo hub saves "Manganese in Agder" and watches it; the
company login saves a radius search. The watch's first check runs here (it records what is
there and raises nothing); then the annual update revises the quantity of a manganese stream
of a *fictional* demo organisation (``resources/demo``, refs ``ORG-DEMO-…``) by +10 %, which
queues a watch check: a task worker (``scripts/run`` starts one) raises the notification and
queues its e-mail. No real company's figure is changed.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from symbiose.registry.actions import do_save_stream
from symbiose.registry.models import Stream
from symbiose.search.actions import check_save_search, do_create_watch
from symbiose.search.models import Watch
from symbiose.search.watches import check_watch

FACILITATOR = "fasilitator@demo.symbiose.no"
COMPANY = "bedrift@demo.symbiose.no"
#: (user, name, filters) of the demo's saved searches.
SEARCHES = (
    (FACILITATOR, "Mangan i Agder", {"crm": "manganese", "county": "42"}),
    (COMPANY, "Slagg innen 150 km", {"material": "slag", "near": "Kristiansand", "km": "150"}),
)


def load() -> str | None:
    """Create the demo searches and watch; returns the ref of the stream whose revision
    queued a watch check (``None`` when no such stream is in the demo)."""
    users = get_user_model().objects
    saved = {}
    for email, name, query in SEARCHES:
        user = users.filter(email=email).first()
        if user is not None:
            saved[email] = check_save_search(name, query, acting_user=user)
    if FACILITATOR not in saved:
        return None
    search = saved[FACILITATOR]
    watch = Watch.objects.filter(user=search.user, kind="search", saved_search=search).first()
    if watch is None:
        watch = do_create_watch({"kind": "search", "saved_search": search}, acting_user=search.user)
    check_watch(watch.pk)  # the first check: records what is there, raises nothing
    candidates = (
        Stream.objects.active()
        .filter(organisation__hubs__facilitators=search.user, direction="offer",
                organisation__ref__startswith="ORG-DEMO-",  # fictional: revise freely
                quantity__isnull=False, period="year", unit="t")
        .order_by("ref")
    )  # fmt: skip
    stream = next((s for s in candidates if "manganese" in (s.crm or [])), None)
    if stream is None:
        return None
    revised = float(round(stream.quantity * 1.1))
    do_save_stream(stream.organisation, {"ref": stream.ref, "quantity": revised,
                   "annual_quantity": revised}, acting_user=None)  # fmt: skip
    return stream.ref


def message(ref: str) -> str:
    """What ``symbiose demo`` prints about the watch it set off."""
    return _(
        "Watch: {email} watches the saved search “Mangan i Agder”; the annual update of {ref} "
        "queued a check, and a task worker will show the notification under Watches and "
        "e-mail it."
    ).format(email=FACILITATOR, ref=ref)
