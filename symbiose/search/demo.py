"""Demo saved searches and watches that fire through the task queue (``symbiose demo``).

The gallium example of issue 18: the hub facilitator of the first demo hub saves "Mangan i
Agder" and watches it, and watches the gallium content of the filter dust of *Skarvik
Smelteverk*, a fictional demo company (``resources/demo``), above 100 ppm; the company login
saves a radius search. The watches' first check runs here (it records what is there and
raises nothing). Then the annual update revises the dust's (fictional, estimated) gallium
content from 85 to 120 ppm, which queues a watch check: a task worker (``scripts/run``
starts one) raises the notifications — the threshold crossed, and the composition changed
for the saved search — and queues their e-mail. No real company's figure is changed.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from symbiose.registry.models import Stream
from symbiose.resources.actions import do_set_composition
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
#: The fictional stream whose gallium the facilitator follows, and the revised content.
DUST = "S-DEMO-SKARVIK-DUST"
GALLIUM_PPM = (100.0, 120.0)  # threshold, revised content


def load() -> str | None:
    """Create the demo searches and watches and revise the dust's gallium content; returns
    the revised stream's ref (``None`` when the demo lacks it or the facilitator)."""
    users = get_user_model().objects
    saved = {}
    for email, name, query in SEARCHES:
        user = users.filter(email=email).first()
        if user is not None:
            saved[email] = check_save_search(name, query, acting_user=user)
    dust = Stream.objects.filter(ref=DUST).first()
    if FACILITATOR not in saved or dust is None:
        return None
    user = saved[FACILITATOR].user
    wanted = (
        {"kind": "search", "saved_search": saved[FACILITATOR]},
        {"kind": "stream", "stream": dust, "threshold_field": "content", "threshold_op": "above",
         "threshold_value": GALLIUM_PPM[0], "threshold_unit": "ppm", "threshold_element": "Ga"},
    )  # fmt: skip
    for fields in wanted:
        watch = Watch.objects.filter(user=user, **fields).first()
        if watch is None:
            watch = do_create_watch(fields, acting_user=user)
        check_watch(watch.pk)  # the first check: records what is there, raises nothing
    rows = [
        {"substance": r.substance, "unit": r.unit, "analysed_on": r.analysed_on,
         "method": r.method,
         "content": GALLIUM_PPM[1] if r.substance == "Ga" and r.unit == "ppm" else r.content}
        for r in dust.composition_rows.all()
    ]  # fmt: skip
    do_set_composition(dust, rows, acting_user=None)
    return dust.ref


def message(ref: str) -> str:
    """What ``symbiose demo`` prints about the watches it set off."""
    return _(
        "Watches: {email} follows the gallium content of {ref} (above 100 ppm) and the saved "
        "search “Mangan i Agder”; the annual update raised it to 120 ppm (fictional), which "
        "queued a check: a task worker will show the notifications under Watches and e-mail "
        "them."
    ).format(email=FACILITATOR, ref=ref)
