"""Letter templates: shipped ones per model, the counselor's practice ones, and applying them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.model import (
    InterventionModel,
    Letter,
    LetterKind,
    LetterStatus,
    LetterTemplate,
)
from interventiondesk.resources import resource_path
from interventiondesk.services.letters import TEXT_FIELDS, sections_of, update_letter
from interventiondesk.services.records import apply_changes, get_record

PRACTICE_FIELDS = frozenset({"name", "model", "kind", *TEXT_FIELDS})


@dataclass(frozen=True, slots=True)
class SectionPrompt:
    prompt: str
    starter: str


@dataclass(frozen=True, slots=True)
class TemplateChoice:
    """A template as the editor offers it; ``practice_id`` is set for the counselor's own ones."""

    name: str
    model: InterventionModel | None
    kind: LetterKind
    description: str
    sections: Mapping[str, SectionPrompt]
    practice_id: str | None = None


@cache
def shipped_templates() -> tuple[TemplateChoice, ...]:
    """The templates in resources/letters/templates, one or two per model."""
    choices = []
    for path in sorted(resource_path("letters", "templates").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        kind = LetterKind(data["kind"])
        sections = {
            name: SectionPrompt(entry["prompt"], entry["starter"])
            for name, entry in data["sections"].items()
        }
        if set(sections) != set(sections_of(kind)):
            raise ValueError(f"template {path.name} does not have the sections of its kind")
        choices.append(
            TemplateChoice(
                name=data["name"],
                model=InterventionModel(data["model"]) if data.get("model") else None,
                kind=kind,
                description=data.get("description", ""),
                sections=sections,
            )
        )
    return tuple(choices)


def _practice_choice(row: LetterTemplate) -> TemplateChoice:
    return TemplateChoice(
        name=row.name,
        model=row.model,
        kind=row.kind,
        description="",
        sections={n: SectionPrompt("", getattr(row, n)) for n in sections_of(row.kind)},
        practice_id=row.id,
    )


def templates_for(
    session: Session, model: InterventionModel | None, kind: LetterKind | str = LetterKind.MAIN
) -> list[TemplateChoice]:
    """Templates that suit this model and kind: the model's own first, then the rest."""
    letter_kind = LetterKind(kind)
    practice = session.scalars(select(LetterTemplate).order_by(LetterTemplate.name))
    every = [*shipped_templates(), *(_practice_choice(row) for row in practice)]
    suitable = [t for t in every if t.kind is letter_kind]
    return sorted(suitable, key=lambda t: (t.model is not model, t.practice_id is not None))


def find_template(session: Session, name: str) -> TemplateChoice:
    for choice in [
        *templates_for(session, None, "main"),
        *templates_for(session, None, "bottom_line"),
    ]:
        if choice.name == name:
            return choice
    raise NotFound("That letter template no longer exists.")


def apply_template(session: Session, letter_id: str, name: str) -> Letter:
    """Fill the letter's empty sections with the template's starter sentences; never overwrite."""
    letter = get_record(session, Letter, letter_id, "letter")
    if letter.status is LetterStatus.FINAL:
        raise InvalidInput("This letter is final. Reopen it as a draft to use a template.")
    template = find_template(session, name)
    if template.kind is not letter.kind:
        raise InvalidInput("That template is for the other kind of letter.")
    changes: dict[str, str] = {"template_name": template.name}
    for section in sections_of(letter.kind):
        if not getattr(letter, section).strip():
            changes[section] = template.sections[section].starter
    return update_letter(session, letter.id, changes)


def add_practice_template(
    session: Session,
    name: str,
    *,
    model: InterventionModel | str | None = None,
    kind: LetterKind | str = LetterKind.MAIN,
    sections: Mapping[str, str] | None = None,
) -> LetterTemplate:
    """Save a practice template of the counselor's own beside the shipped ones."""
    cleaned = _free_name(session, name)
    row = LetterTemplate()
    apply_changes(
        row, {"name": cleaned, "model": model, "kind": kind, **(sections or {})}, PRACTICE_FIELDS
    )
    session.add(row)
    session.flush()
    return row


def _free_name(session: Session, name: str, keep: str | None = None) -> str:
    """``name`` tidied, if no other template has it (``keep``: the practice template's own id)."""
    cleaned = name.strip()
    if not cleaned:
        raise InvalidInput("A template needs a name.")
    taken = {t.name for t in shipped_templates()}
    taken |= set(session.scalars(select(LetterTemplate.name).where(LetterTemplate.id != keep)))
    if cleaned in taken:
        raise InvalidInput("A template with that name already exists; choose another name.")
    return cleaned


def template_from_letter(session: Session, letter_id: str, name: str) -> LetterTemplate:
    """A practice template made from a letter's current words (the counselor decides to keep)."""
    letter = get_record(session, Letter, letter_id, "letter")
    text = {section: getattr(letter, section) for section in sections_of(letter.kind)}
    return add_practice_template(
        session, name, model=letter.case.model, kind=letter.kind, sections=text
    )


def update_practice_template(
    session: Session, template_id: str, changes: Mapping[str, object]
) -> LetterTemplate:
    """Change a practice template; a new name must be free, and letters follow it."""
    row = get_record(session, LetterTemplate, template_id, "template")
    old = row.name
    if "name" in changes:
        name = changes["name"]
        if not isinstance(name, str):
            raise InvalidInput("A template's name must be text.")
        changes = {**changes, "name": _free_name(session, name, row.id)}
    apply_changes(row, changes, PRACTICE_FIELDS)
    if row.name != old:
        for letter in session.scalars(select(Letter).where(Letter.template_name == old)):
            letter.template_name = row.name
    return row


def rename_practice_template(session: Session, template_id: str, name: str) -> LetterTemplate:
    return update_practice_template(session, template_id, {"name": name})


def remove_practice_template(session: Session, template_id: str) -> None:
    """Delete a practice template; letters made with it keep their words."""
    session.delete(get_record(session, LetterTemplate, template_id, "template"))
