"""Writes for facilitation. Each ``do_*`` is one transaction with one audit row."""

from symbiose.facilitation.actions.bank import check_import_bank, do_pick_up, do_shelve
from symbiose.facilitation.actions.hubs import (
    do_add_facilitator,
    do_add_hub_members,
    do_assess_hub,
    do_create_hub,
    do_remove_hub_member,
    do_save_hub,
)
from symbiose.facilitation.actions.membership import (
    MembershipRefused,
    check_ask_to_join_hub,
    check_invite_organisation,
    do_decide_hub_membership,
    do_leave_hub,
)
from symbiose.facilitation.actions.opportunities import (
    do_add_note,
    do_advance_phase,
    do_assess_readiness,
    do_create_opportunities_for_pairs,
    do_create_opportunity,
    do_set_check,
    do_update_opportunity,
)
from symbiose.facilitation.actions.outcomes import (
    do_record_outcome,
    do_remove_funding,
    do_remove_permit,
    do_save_funding,
    do_save_permit,
)
from symbiose.facilitation.actions.tasks import (
    do_add_task,
    do_generate_tasks,
    do_set_task_done,
    do_update_task,
)
from symbiose.facilitation.actions.workshops import do_capture_streams, do_save_workshop

__all__ = [
    "MembershipRefused",
    "check_ask_to_join_hub",
    "check_invite_organisation",
    "do_decide_hub_membership",
    "do_leave_hub",
    "check_import_bank",
    "do_add_facilitator",
    "do_create_hub",
    "do_add_hub_members",
    "do_add_note",
    "do_add_task",
    "do_advance_phase",
    "do_assess_hub",
    "do_assess_readiness",
    "do_capture_streams",
    "do_create_opportunities_for_pairs",
    "do_create_opportunity",
    "do_generate_tasks",
    "do_pick_up",
    "do_record_outcome",
    "do_remove_funding",
    "do_remove_permit",
    "do_save_funding",
    "do_save_permit",
    "do_remove_hub_member",
    "do_save_hub",
    "do_save_workshop",
    "do_set_check",
    "do_set_task_done",
    "do_shelve",
    "do_update_opportunity",
    "do_update_task",
]
