"""Follow-up tasks: the hub's list (open first, overdue marked), close, reassign, generate."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.facilitation import access, actions
from symbiose.facilitation.forms import NewTaskForm, TaskForm
from symbiose.facilitation.models.task import TASK_STATUSES
from symbiose.facilitation.views.common import workspace_hub


def task_hub(request, slug):
    """The hub, for someone who may work on its tasks (404 for anyone else)."""
    hub = workspace_hub(request, slug)
    if not access.can_work_tasks(request.user, hub):
        raise Http404(slug)
    return hub


def filtered(request, tasks):
    """Apply the ``status`` and ``assignee`` filters (``me``, ``none`` or a user id)."""
    status = request.GET.get("status", "")
    if status in dict(TASK_STATUSES):
        tasks = tasks.filter(status=status)
    who = request.GET.get("assignee", "")
    if who == "me":
        tasks = tasks.filter(assignee=request.user)
    elif who == "none":
        tasks = tasks.filter(assignee__isnull=True)
    elif who.isdigit():
        tasks = tasks.filter(assignee_id=int(who))
    return tasks, {"status": status, "assignee": who}


def task_rows(tasks, hub) -> list[dict]:
    today = datetime.date.today()
    return [
        {"task": t, "label": t.label(), "overdue": t.is_overdue(today),
         "form": TaskForm(hub=hub, prefix=f"t{t.pk}",
                          initial={"assignee": t.assignee_id, "due_date": t.due_date})}
        for t in tasks
    ]  # fmt: skip


@login_required
def task_list(request, slug):
    """The hub's tasks with filters; a POST adds a task written by hand."""
    hub = task_hub(request, slug)
    new_form = NewTaskForm(request.POST if request.method == "POST" else None, hub=hub)
    if request.method == "POST" and new_form.is_valid():
        actions.do_add_task(hub, new_form.cleaned_data, acting_user=request.user)
        return redirect(request.get_full_path())
    tasks, chosen = filtered(request, access.hub_tasks(request.user, hub))
    return render(
        request,
        "facilitation/tasks.html",
        {"hub": hub, "rows": task_rows(tasks, hub), "chosen": chosen, "new_form": new_form,
         "statuses": TASK_STATUSES, "assignees": access.workspace_users(hub).order_by("email")},
    )  # fmt: skip


def _back(request, hub):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("facilitation:tasks", slug=hub.slug)


def _task(request, hub, pk):
    try:
        return access.get_task(request.user, hub, pk)
    except access.NotFound:
        raise Http404(pk) from None


@login_required
@require_POST
def task_done(request, slug, pk):
    hub = task_hub(request, slug)
    task = _task(request, hub, pk)
    actions.do_set_task_done(task, request.POST.get("done") == "1", acting_user=request.user)
    return _back(request, hub)


@login_required
@require_POST
def task_edit(request, slug, pk):
    hub = task_hub(request, slug)
    task = _task(request, hub, pk)
    form = TaskForm(request.POST, hub=hub, prefix=f"t{task.pk}")
    if form.is_valid():
        actions.do_update_task(task, form.cleaned_data, acting_user=request.user)
    else:
        for name, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[name].label}: {error}")
    return _back(request, hub)


@login_required
@require_POST
def workshop_tasks(request, slug, pk):
    """Generate the workshop's follow-up tasks from what was captured there."""
    hub = task_hub(request, slug)
    try:
        ws = access.get_workshop(request.user, hub, pk)
    except access.NotFound:
        raise Http404(pk) from None
    new = actions.do_generate_tasks(ws, acting_user=request.user)
    if new:
        messages.success(request, _("New follow-up tasks: %(n)d.") % {"n": len(new)})
    else:
        messages.info(request, _("No new follow-up tasks: every task is there already."))
    return redirect(reverse("facilitation:workshop", args=[hub.slug, ws.pk]) + "#tasks")
