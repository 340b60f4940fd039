"""Facilitation models: hubs, opportunities and their readiness, workshops, tasks, the bank."""

from symbiose.facilitation.models.bank import BankEntry
from symbiose.facilitation.models.hub import Hub, HubAssessment
from symbiose.facilitation.models.hubpairs import HubPair, HubPairState
from symbiose.facilitation.models.imports import ImportJob
from symbiose.facilitation.models.membership import HubMembershipRequest
from symbiose.facilitation.models.opportunity import (
    Opportunity,
    OpportunityNote,
    PhaseCheck,
    ReadinessAssessment,
    ReadinessLevel,
)
from symbiose.facilitation.models.outcome import Funding, Outcome, Permit
from symbiose.facilitation.models.task import FollowUpTask
from symbiose.facilitation.models.workshop import Workshop

__all__ = [
    "BankEntry",
    "FollowUpTask",
    "Funding",
    "Hub",
    "HubAssessment",
    "HubPair",
    "HubPairState",
    "HubMembershipRequest",
    "ImportJob",
    "Opportunity",
    "OpportunityNote",
    "Outcome",
    "Permit",
    "PhaseCheck",
    "ReadinessAssessment",
    "ReadinessLevel",
    "Workshop",
]
