"""Who may do what with a document or a section of it, and how its status moves.

utkast -> klar för granskning -> godkänd -> låst (after the committee's decision). A controller
returns a section or document for rework, with a comment; locked data never changes again.
"""
from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "administrator"  # the city: everything, every committee
    CONTROLLER = "controller"  # per committee: review, approve, return, lock
    WRITER = "skribent"  # per committee, optionally only some goals: edit and submit
    READER = "lasare"  # per committee: reads drafts; without a committee only published data

    @property
    def label(self) -> str:
        return {"administrator": "Administratör", "controller": "Controller", "skribent": "Skribent",
                "lasare": "Läsare"}[self.value]


class Status(StrEnum):
    DRAFT = "utkast"
    IN_REVIEW = "granskning"
    APPROVED = "godkand"
    LOCKED = "last"

    @property
    def label(self) -> str:
        return {"utkast": "Utkast", "granskning": "Klar för granskning", "godkand": "Godkänd",
                "last": "Låst"}[self.value]


class Action(StrEnum):
    SUBMIT = "skicka"
    APPROVE = "godkann"
    RETURN = "returnera"
    LOCK = "las"

    @property
    def label(self) -> str:
        return {"skicka": "Klar för granskning", "godkann": "Godkänn", "returnera": "Returnera för komplettering",
                "las": "Lås"}[self.value]


# action -> (allowed from, result, roles that may do it)
TRANSITIONS: dict[Action, tuple[frozenset[Status], Status, frozenset[Role]]] = {
    Action.SUBMIT: (frozenset({Status.DRAFT}), Status.IN_REVIEW,
                    frozenset({Role.WRITER, Role.CONTROLLER, Role.ADMIN})),
    Action.APPROVE: (frozenset({Status.IN_REVIEW}), Status.APPROVED, frozenset({Role.CONTROLLER, Role.ADMIN})),
    Action.RETURN: (frozenset({Status.IN_REVIEW, Status.APPROVED}), Status.DRAFT,
                    frozenset({Role.CONTROLLER, Role.ADMIN})),
    Action.LOCK: (frozenset({Status.APPROVED}), Status.LOCKED, frozenset({Role.CONTROLLER, Role.ADMIN})),
}

EDITING_ROLES = frozenset({Role.WRITER, Role.CONTROLLER, Role.ADMIN})


class WorkflowError(Exception):
    """An action the status or the person's roles do not allow."""


def allowed_actions(status: Status, roles: set[Role]) -> list[Action]:
    return [action for action, (sources, _, who) in TRANSITIONS.items() if status in sources and roles & who]


def apply(action: Action, status: Status, roles: set[Role]) -> Status:
    sources, result, who = TRANSITIONS[action]
    if status not in sources:
        raise WorkflowError(f"Det går inte att {action.label.lower()} när statusen är {status.label.lower()}.")
    if not roles & who:
        raise WorkflowError(f"Din roll får inte {action.label.lower()}.")
    return result


def editable(status: Status, roles: set[Role]) -> bool:
    """Only drafts are edited: a section under review or approved goes back by a return first."""
    return status is Status.DRAFT and bool(roles & EDITING_ROLES)
