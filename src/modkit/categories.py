"""The eleven category keys and the actions, in the order of their severity."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """What the municipal policy removes; keys are stable across API, files and reports."""

    DEFAMATION = "defamation"
    INSULT = "insult"
    HATE_SPEECH = "hate_speech"
    HARASSMENT = "harassment"
    VIOLENCE_OR_PORNOGRAPHY = "violence_or_pornography"
    INCITEMENT = "incitement"
    COPYRIGHT = "copyright"
    PROFANITY = "profanity"
    ADVERTISING = "advertising"
    PERSONAL_DATA = "personal_data"
    SENSITIVE_DATA = "sensitive_data"


CATEGORY_LABELS_SV: dict[Category, str] = {
    Category.DEFAMATION: "förtal",
    Category.INSULT: "personliga angrepp eller förolämpningar",
    Category.HATE_SPEECH: "hets mot folkgrupp",
    Category.HARASSMENT: "sexistiska yttranden eller andra trakasserier",
    Category.VIOLENCE_OR_PORNOGRAPHY: "olovliga våldsskildringar eller pornografi",
    Category.INCITEMENT: "uppmaningar till brott eller hot",
    Category.COPYRIGHT: "olovligt bruk av upphovsrättsligt skyddat material",
    Category.PROFANITY: "svordomar eller obscena ord",
    Category.ADVERTISING: "kommersiella budskap eller reklam",
    Category.PERSONAL_DATA: "personuppgifter",
    Category.SENSITIVE_DATA: "känsliga uppgifter om privatpersoners liv",
}


class Action(StrEnum):
    """What the city does with a comment. Declared from least to most severe."""

    PUBLISH = "publish"
    REVIEW = "review"
    REPLY = "reply"
    REMOVE = "remove"
    REMOVE_AND_REGISTER = "remove_and_register"

    @property
    def severity(self) -> int:
        return _ACTION_ORDER[self]


_ACTION_ORDER = {action: rank for rank, action in enumerate(Action)}


def most_severe(actions: list[Action]) -> Action:
    """The action that wins when several categories apply."""
    return max(actions, key=_ACTION_ORDER.__getitem__, default=Action.PUBLISH)
