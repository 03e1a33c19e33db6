"""Typed SQLAlchemy 2.x models of the whole domain; importing this package registers them all."""

from essdash.models.actors import ActorRelation
from essdash.models.base import Base
from essdash.models.diagnostic import Action, Diagnostic, Interview, Structure
from essdash.models.followup import (
    ActionUpdate,
    DiagnosticPhase,
    DiagnosticStep,
    GridItem,
    InterviewAnswer,
    StepWorkshop,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from essdash.models.participation import Contribution, MapFeature, Participant, Synthesis, Theme
from essdash.models.territory import Commune, CommuneAlias, Territory, TerritoryCommune
from essdash.models.versions import WorkshopVersion
from essdash.models.voting import Ballot, BallotEntry, Priority, Vote
from essdash.models.workshop import AgendaStep, Question, Workshop

__all__ = [
    "Action",
    "ActionUpdate",
    "ActorRelation",
    "AgendaStep",
    "Ballot",
    "BallotEntry",
    "Base",
    "Commune",
    "CommuneAlias",
    "Contribution",
    "Diagnostic",
    "DiagnosticPhase",
    "DiagnosticStep",
    "GridItem",
    "Interview",
    "InterviewAnswer",
    "MapFeature",
    "Participant",
    "Priority",
    "Question",
    "StepWorkshop",
    "Structure",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "Synthesis",
    "Territory",
    "TerritoryCommune",
    "Theme",
    "Vote",
    "Workshop",
    "WorkshopVersion",
]
