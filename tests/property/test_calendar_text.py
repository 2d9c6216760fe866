"""Any text in an event, its people and the client goes into a calendar file that icalendar
reads back: SUMMARY, LOCATION, DESCRIPTION and the attendees' names come back as written,
less what RFC 5545 forbids in a text value (control characters; line ends are LF)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from interventiondesk.export.ics import Privacy, render_calendar
from interventiondesk.services import cases, participants, scheduling
from interventiondesk.services.exports import read_calendar
from interventiondesk.storage.database import Database
from tests.property.strategies import examples, texts

FULL = Privacy(full_names=True, include_notes=True)


def carried(text: str) -> str:
    """What a calendar file carries of ``text``: every line end as LF, no other control
    character (tab aside) and no byte-order mark."""
    text = re.sub("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]", "\n", text)
    return "".join(
        ch
        for ch in text
        if ch in "\t\n" or not (ch < " " or "\x7f" <= ch <= "\x9f" or ch == "\ufeff")
    )


def one_line(text: str) -> str:
    return " ".join(carried(text).split())


def as_parameter(text: str) -> str:
    """A name in a CN parameter: one line; a backslash before a backslash, comma, semicolon or
    colon, or at the end, written as a full-width one (icalendar would read an escape)."""
    return re.sub(r"\\(?=[\\,;:]|$)", "\uff3c", one_line(text))


@given(
    title=texts(max_size=20),
    place=texts(max_size=30),
    notes=texts(max_size=30),
    skills=texts(max_size=10),
    client=texts(max_size=15),
    person=texts(max_size=15),
    counselor=texts(max_size=15),
)
# A name ending in a backslash took the attendee's address with it ("end:mailto").
@example(
    title="a\\", place="\\", notes="\\,", skills="", client="x\\", person="end\\", counselor="\\:"
)
# Control characters made icalendar drop the line; a lone CR came back as LF; a BOM vanished.
@example(
    title="\x00",
    place="a\x0bb\x0cc",
    notes="x\x7f\x85y\r",
    skills="\ufeffbom",
    client="\x01",
    person="\x1b[31m",
    counselor="\ufeff",
)
@example(
    title="", place="", notes="", skills="", client="", person="", counselor="\u200e\x1f\u200e"
)
@settings(max_examples=examples(25))
def test_event_text_comes_back_from_the_calendar_file(
    db: Database,
    title: str,
    place: str,
    notes: str,
    skills: str,
    client: str,
    person: str,
    counselor: str,
) -> None:
    client_name = client if client.strip() else "Client"
    person_name = person if person.strip() else "Person"
    with db.session(write=True) as session:
        case = cases.create_case(
            session, client_name=client_name, kind="planned", model="johnson", counselor=counselor
        )
        invitee = participants.add_participant(session, case.id, person_name, email="")
        event = scheduling.create_event(
            session,
            case.id,
            kind="rehearsal",
            starts=datetime(2026, 12, 1, 18, 30, tzinfo=UTC),
            timezone="Europe/Berlin",
            title=title[:200],
            place=place,
            notes=notes,
            skills_practised=skills,
        )
        scheduling.invite(session, event.id, invitee.id)
        content = read_calendar(session, case.id)
    data = render_calendar(content, FULL)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    (vevent,) = Calendar.from_ical(data).walk("VEVENT")
    what = one_line(title[:200]) or "Preparation meeting"
    who = one_line(client_name)
    assert str(vevent["summary"]) == (f"{what} – {who}" if who else what)
    assert str(vevent.get("location", "")) == carried(place)
    description = f"Case reference: {content.reference}"
    if notes.strip():
        description += "\n\n" + notes
    if skills.strip():
        description += "\n\nSkills practised:\n" + skills
    assert str(vevent["description"]) == carried(description)
    attendee = vevent["attendee"]
    assert attendee.params["CN"] == as_parameter(person_name)
    assert str(attendee) == f"urn:uuid:{invitee.id}"
    organizer = vevent["organizer"]
    # The export reads the case's counselor as one line (Python's whitespace, U+001F too).
    assert organizer.params["CN"] == (as_parameter(" ".join(counselor.split())) or "Counselor")


@given(text=st.text(st.characters(codec="utf-8"), max_size=200))
@settings(max_examples=examples(20))
def test_the_private_calendar_file_always_parses(db: Database, text: str) -> None:
    """The default file (initials, no notes) from the same hostile names and places."""
    with db.session(write=True) as session:
        case = cases.create_case(
            session, client_name=text if text.strip() else "C", kind="crisis", model="craft"
        )
        scheduling.create_event(
            session,
            case.id,
            kind="intervention",
            starts=datetime(2026, 12, 2, 9, tzinfo=UTC),
            timezone="Asia/Jerusalem",
            place=text,
            notes=text,
            despite_open_items=True,
        )
        content = read_calendar(session, case.id)
    (vevent,) = Calendar.from_ical(render_calendar(content)).walk("VEVENT")
    assert str(vevent["summary"]) == f"Family meeting – {content.client_initials}"
    assert str(vevent.get("location", "")) == carried(text)
    assert str(vevent["description"]) == f"Case reference: {content.reference}"
