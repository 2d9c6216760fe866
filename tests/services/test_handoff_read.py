"""What a handoff shows: only the chosen sections are read; the modality in words; when the
Part 2 notice is called for."""

from __future__ import annotations

import pytest

from interventiondesk.model import ConsentKind, HandoffSection
from interventiondesk.services.cases import find_case, remove_concern
from interventiondesk.services.handoff_read import (
    discloses_substance_use,
    modality_words,
    read_handoff,
)
from interventiondesk.storage.database import Database
from tests.handoff_case import RECIPIENT, add_consent, make_case


def test_only_the_chosen_sections_are_read(db: Database) -> None:
    with db.session() as s:
        case = find_case(s, make_case(s).case_id)
        content = read_handoff(s, case, RECIPIENT, {HandoffSection.MODALITY}, [])
    assert content.modality == "Dialectical behaviour therapy (DBT)"
    assert content.referral_reason == content.substance_history == content.family_system == ""
    assert content.observations == content.asam == content.team == content.contacts == ()
    assert content.screen is None and content.counseling_notes == ""
    assert content.client.full_name and content.recipient == RECIPIENT


def test_the_notice_follows_substance_use_information(db: Database) -> None:
    with db.session() as s:
        case = find_case(s, make_case(s, substance_history="").case_id)
        assert discloses_substance_use(case, frozenset(), [])  # a substance-use concern
        for concern in list(case.concerns):
            remove_concern(s, concern.id)
        s.flush()
        s.refresh(case)
        assert not discloses_substance_use(case, frozenset(), [])
        assert discloses_substance_use(case, frozenset({HandoffSection.ASAM}), [])
        part2 = add_consent(s, case.id)
        general = add_consent(s, case.id, kind=ConsentKind.GENERAL)
        assert discloses_substance_use(case, frozenset(), [part2])
        assert not discloses_substance_use(case, frozenset(), [general])
        case.substance_history = "Cannabis since school."
        assert discloses_substance_use(case, frozenset(), [general])


@pytest.mark.parametrize(
    ("stored", "words"),
    [
        ("dbt", "Dialectical behaviour therapy (DBT)"),
        ("Family therapy", "Family therapy"),
        ("  family_therapy ", "Family therapy"),
        ("Acceptance and commitment therapy", "Acceptance and commitment therapy"),
        ("", ""),
    ],
)
def test_the_recommended_modality_reads_as_a_known_one_when_it_is(stored: str, words: str) -> None:
    assert modality_words(stored) == words
