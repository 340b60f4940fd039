"""Large imports: the upload becomes a job that a task worker checks and saves.

The job's page reloads itself while a worker is on it, shows the preview when the check is
done, and takes the facilitator's confirmation.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from symbiose.facilitation.actions import imports as actions
from symbiose.facilitation.forms import UploadForm
from symbiose.facilitation.models import ImportJob
from symbiose.facilitation.views.common import editable_hub
from symbiose.registry.importers.listing import Problem


def start_if_large(request: HttpRequest, hub, workshop) -> ImportJob | None:
    """A job for a valid file upload above the size limit; None for everything else."""
    if request.POST.get("grid") == "1" or "file" not in request.FILES:
        return None
    limit = settings.SYMBIOSE_IMPORT_TASK_BYTES
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid() or form.cleaned_data["file"].size <= limit:
        return None
    upload = form.cleaned_data["file"]
    upload.seek(0)
    return actions.do_start_import(hub, upload.name, upload.read(), workshop=workshop,
                                   acting_user=request.user)  # fmt: skip


def nace_choices(problems: list[Problem]) -> list[dict]:
    """Rows whose old NACE code needs the user's choice of a Rev. 2.1 code, for the form."""
    return [
        {"row": p.row, "message": p.render(_), "choices": p.params["choices"].split(",")}
        for p in problems
        if p.column == "nace" and p.params.get("choices")
    ]


@login_required
def import_job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A large import's stage, preview and confirmation."""
    hub = editable_hub(request, slug)
    job = ImportJob.objects.filter(pk=pk, hub=hub).select_related("workshop").first()
    if job is None:
        raise Http404(pk)
    problems = [Problem(*p) for p in job.problems]
    if request.method == "POST" and job.status == "checked":
        if request.POST.get("nace_choice") == "1":  # the same question as the quick preview
            chosen = {k[5:]: v for k, v in request.POST.items() if k.startswith("nace:") and v}
            if chosen:
                actions.do_choose_nace(job, chosen, acting_user=request.user)
        elif not problems:
            actions.do_confirm_import(job, acting_user=request.user)
        return redirect("facilitation:import-job", slug=hub.slug, pk=job.pk)
    return render(request, "facilitation/import_job.html", {
        "hub": hub, "workshop": job.workshop, "job": job,
        "problems": [p.render(_) for p in problems], "nace_choices": nace_choices(problems),
        "notes": [Problem(*n).render(_) for n in job.notes],
        "rows": [dict(zip(("sheet", "row", "ref", "action", "changes"), r, strict=True))
                 for r in job.rows[:2000]],
    })  # fmt: skip
