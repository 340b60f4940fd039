"""Facilitation pages under /hub/."""

from django.urls import path

from symbiose.facilitation.views import (
    bank,
    hubs,
    imports,
    opportunities,
    outcomes,
    portfolio,
    tasks,
    workshops,
)

app_name = "facilitation"
urlpatterns = [
    path("", hubs.hub_list, name="hubs"),
    path("new/", hubs.hub_create, name="hub-create"),
    path("join/", hubs.membership_ask, name="membership-ask"),
    path("membership/<int:pk>/", hubs.membership_decide, name="membership-decide"),
    path("portfolio/", portfolio.portfolio, name="portfolio"),
    path("bank/", bank.bank_list, name="bank"),
    path("bank/export.json", bank.bank_export, name="bank-export"),
    path("bank/<str:ref>/", bank.bank_detail, name="bank-entry"),
    path("bank/<str:ref>/export.json", bank.bank_entry_export, name="bank-entry-export"),
    path("bank/<str:ref>/pick-up/", bank.bank_pick_up, name="bank-pick-up"),
    path("o/<str:ref>/", opportunities.opportunity_detail, name="opportunity"),
    path("o/<str:ref>/edit/", opportunities.opportunity_edit, name="opportunity-edit"),
    path("o/<str:ref>/check/", opportunities.opportunity_check, name="opportunity-check"),
    path("o/<str:ref>/advance/", opportunities.opportunity_advance, name="opportunity-advance"),
    path(
        "o/<str:ref>/readiness/", opportunities.opportunity_readiness, name="opportunity-readiness"
    ),
    path("o/<str:ref>/note/", opportunities.opportunity_note, name="opportunity-note"),
    path("o/<str:ref>/shelve/", opportunities.opportunity_shelve, name="opportunity-shelve"),
    path("o/<str:ref>/outcomes/", outcomes.opportunity_outcomes, name="opportunity-outcomes"),
    path("<slug:slug>/", hubs.hub_detail, name="hub"),
    path("<slug:slug>/edit/", hubs.hub_edit, name="hub-edit"),
    path("<slug:slug>/members/", hubs.hub_members, name="hub-members"),
    path("<slug:slug>/verify/", hubs.member_verify, name="member-verify"),
    path("<slug:slug>/leave/", hubs.membership_leave, name="membership-leave"),
    path("<slug:slug>/import/", hubs.hub_import, name="hub-import"),
    path("<slug:slug>/imports/<int:pk>/", imports.import_job, name="import-job"),
    path("<slug:slug>/history/", hubs.hub_history, name="hub-history"),
    path("<slug:slug>/tasks/", tasks.task_list, name="tasks"),
    path("<slug:slug>/tasks/<int:pk>/done/", tasks.task_done, name="task-done"),
    path("<slug:slug>/tasks/<int:pk>/edit/", tasks.task_edit, name="task-edit"),
    path("<slug:slug>/assess/", portfolio.hub_assess, name="hub-assess"),
    path("<slug:slug>/matches/", opportunities.match_list, name="matches"),
    path("<slug:slug>/opportunities/", opportunities.opportunity_list, name="opportunities"),
    path(
        "<slug:slug>/opportunities/new/",
        opportunities.opportunity_create,
        name="opportunity-create",
    ),
    path(
        "<slug:slug>/opportunities/from-matches/",
        opportunities.opportunity_from_matches,
        name="opportunity-from-matches",
    ),
    path("<slug:slug>/bank/import/", bank.bank_import, name="bank-import"),
    path("<slug:slug>/workshops/new/", workshops.workshop_create, name="workshop-create"),
    path("<slug:slug>/workshops/<int:pk>/", workshops.workshop_detail, name="workshop"),
    path("<slug:slug>/workshops/<int:pk>/edit/", workshops.workshop_create, name="workshop-edit"),
    path("<slug:slug>/workshops/<int:pk>/import/", hubs.hub_import, name="workshop-import"),
    path("<slug:slug>/workshops/<int:pk>/tasks/", tasks.workshop_tasks, name="workshop-tasks"),
    path(
        "<slug:slug>/workshops/<int:pk>/sheets.pdf",
        workshops.workshop_sheets,
        name="workshop-sheets",
    ),
    path(
        "<slug:slug>/workshops/<int:pk>/sheets/<str:org_ref>.pdf",
        workshops.workshop_sheets,
        name="workshop-sheet",
    ),
    path("<slug:slug>/report.<str:fmt>", workshops.mapping_report, name="report"),
]
