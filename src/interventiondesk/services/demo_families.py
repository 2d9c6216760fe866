"""More fictional demo cases: invitational, a held meeting, family-focused work, an archive."""

from __future__ import annotations

from typing import Any

BRIGHTWATER: dict[str, Any] = {
    "client": {
        "full_name": "Felix Brightwater",
        "preferred_name": "Fee",
        "date_of_birth": "2001-01-23",
        "pronouns": "they/them",
        "phone": "555-0162",
    },
    "case": {
        "kind": "planned",
        "model": "invitational",
        "status": "planning",
        "sign_decline": True,
        "concerns_notes": "Heavy daily cannabis use; low mood most days since leaving college.",
        "goals": "Fee joins the network meetings and chooses an outpatient programme.",
        "treatment_options": "Young-adult outpatient programme at Northgate; a therapist for "
        "depression in parallel.",
        "counselor_notes": "Invited from the first call and came to the second meeting. "
        "Responds well to being asked, badly to being told.",
        "co_occurring_illness": True,
    },
    "concerns": [
        ("substance", "Cannabis", "From waking up; spends most of their allowance on it."),
        ("mental_health", "Depression", "Sleeps until afternoon; stopped seeing friends."),
    ],
    "observations": [
        (-60, "decline", "Withdrew from college in the spring term."),
        (-20, "decline", "Missed their grandfather's birthday lunch."),
    ],
    "participants": [
        {
            "name": "Iris Brightwater",
            "relationship_to_client": "mother",
            "role": "chairperson",
            "phone": "555-0163",
        },
        {"name": "Tomas Brightwater", "relationship_to_client": "stepfather", "role": "reader"},
        {"name": "June Brightwater", "relationship_to_client": "sister", "role": "reader"},
        {
            "name": "Coach Abel Marsh",
            "relationship_to_client": "former swim coach",
            "role": "observer",
        },
    ],
    "objections": [
        (
            "Weed isn't a real drug.",
            "We are not arguing about that; we are worried about how little joy you have now.",
            0,
        ),
    ],
    "events": [
        {
            "kind": "network_meeting",
            "title": "First call: convening the network",
            "in_days": -10,
            "at": "17:00",
            "minutes": 45,
            "place": "Video call",
            "video": True,
            "attendees": [0, 1, 2],
        },
        {
            "kind": "network_meeting",
            "title": "Network meeting 2",
            "in_days": -2,
            "at": "18:00",
            "minutes": 60,
            "place": "12 Linden Court, kitchen",
            "attendees": [0, 1, 2, 3],
        },
        {
            "kind": "network_meeting",
            "title": "Network meeting 3",
            "in_days": 5,
            "at": "18:00",
            "minutes": 60,
            "place": "12 Linden Court, kitchen",
            "attendees": [0, 1, 2, 3],
        },
    ],
    "timezone": "America/New_York",
    "logistics_done": 2,
}


PENNYWHISTLE: dict[str, Any] = {
    "client": {
        "full_name": "Gareth Pennywhistle",
        "preferred_name": "Gary",
        "date_of_birth": "1968-11-30",
        "pronouns": "he/him",
        "phone": "555-0172",
    },
    "case": {
        "kind": "planned",
        "model": "johnson",
        "status": "follow_up",
        "sign_decline": True,
        "sign_denial": True,
        "concerns_notes": "Alcohol, daily since his retirement; hid bottles in the garage.",
        "goals": "Gary enters residential treatment and the family keeps its bottom lines.",
        "treatment_options": "Lakeside Residential; afterwards a men's group and family therapy.",
        "counselor_notes": "Meeting held. He was angry for ten minutes, then listened. Said "
        "yes after his granddaughter's letter.",
        "facility_name": "Lakeside Residential (demo)",
        "detox_needed": True,
        "family_system": "Wife Carol has covered for him for years; son Owen has kept away.",
        "family_support": "Carol has started a family group on Tuesday evenings.",
        "recommended_modality": "Family therapy alongside individual CBT",
    },
    "intake_in_days": -10,
    "concerns": [("substance", "Alcohol", "Spirits, from late morning.")],
    "observations": [
        (-50, "decline", "Drove to the shop after drinking; scraped a neighbour's car."),
        (-25, "denial", "Said everyone his age drinks like this."),
    ],
    "participants": [
        {
            "name": "Carol Pennywhistle",
            "relationship_to_client": "wife",
            "role": "chairperson",
            "bottom_line_kept": True,
        },
        {
            "name": "Owen Pennywhistle",
            "relationship_to_client": "son",
            "role": "reader",
            "bottom_line_kept": True,
        },
        {
            "name": "Mabel Pennywhistle",
            "relationship_to_client": "granddaughter (17)",
            "role": "closer",
            "is_minor": True,
        },
    ],
    "letters": [
        {
            "author": 0,
            "status": "final",
            "position": 1,
            "connection": "Forty years ago you carried me over a flooded road on our first date.",
            "incidents": "In October I found you asleep in the car in the garage with the engine "
            "running. I was so frightened I could not speak.",
            "impact": "I have been pretending for years, and I am worn out.",
            "request": "Will you let us take you to Lakeside today?",
        },
        {
            "author": 2,
            "status": "final",
            "position": 2,
            "connection": "Grandad, you taught me chess and let me win until I didn't need you to.",
            "incidents": "At my birthday you forgot the song halfway through and everyone went "
            "quiet.",
            "impact": "I want you at my graduation, and I want you to remember it.",
            "request": "Please go today. I will write to you every week.",
        },
    ],
    "objections": [
        (
            "I've earned a drink after forty years of work.",
            "You have earned a long, healthy retirement, and we want you here for it.",
            0,
        ),
        (
            "Owen has no right to lecture me.",
            "Owen is not here to lecture; he is here because he misses you.",
            0,
        ),
    ],
    "events": [
        {
            "kind": "rehearsal",
            "title": "Rehearsal",
            "in_days": -12,
            "at": "19:00",
            "minutes": 90,
            "place": "Flat 3, 58 Harbour Street",
            "attendees": [0, 1, 2],
        },
        {
            "kind": "intervention",
            "title": "Meeting with Gary",
            "in_days": -10,
            "at": "10:30",
            "minutes": 75,
            "place": "The family home",
            "attendees": [0, 1, 2],
        },
        {
            "kind": "follow_up_call",
            "title": "Follow-up call with Carol",
            "in_days": 4,
            "at": "16:00",
            "minutes": 30,
            "place": "Phone",
            "attendees": [0],
        },
    ],
    "timezone": "America/Denver",
    "logistics_done": 99,
    "outcome": {
        "result": "admitted",
        "in_days": -10,
        "admitted_to": "Lakeside Residential (demo)",
        "notes": "Left with Owen at 12:15; admitted at 14:00.",
    },
    "follow_ups": [
        ("Call Carol about the first family visit", 4, None, 0),
        ("Ask Lakeside for the discharge-planning date", 11, None, None),
        ("Send Carol the family group details", -6, -7, 0),
    ],
    "asam": [2, 2, 1, 2, 3, 2],
}

ASHGROVE: dict[str, Any] = {
    "client": {"full_name": "Daniel Ashgrove", "preferred_name": "Dan", "pronouns": "he/him"},
    "case": {
        "kind": "family",
        "model": "craft",
        "status": "planning",
        "sign_denial": True,
        "concerns_notes": "Methamphetamine at weekends, increasingly midweek. Lives at home.",
        "goals": "Helen learns to reward sober time, step back from rescuing, and invite Dan "
        "into treatment at a calm moment.",
        "treatment_options": "Outpatient programme at Northgate; Dan liked a counselor there once.",
        "counselor_notes": "Helen is exhausted but consistent. Session 4 went well: she used "
        "the positive-request script twice this week.",
    },
    "concerns": [("substance", "Methamphetamine", "Up for two days, then sleeps for a day.")],
    "observations": [(-35, "decline", "Lost weight; sold his guitar.")],
    "participants": [
        {
            "name": "Helen Ashgrove",
            "relationship_to_client": "mother",
            "role": "chairperson",
            "counselor_notes": "The family member being coached.",
        },
    ],
    "events": [
        {
            "kind": "coaching_session",
            "title": "Coaching session 3",
            "in_days": -14,
            "at": "10:00",
            "minutes": 60,
            "place": "Office",
            "attendees": [0],
            "skills": "Noticing and rewarding sober time; a short, kind 'I' statement.",
        },
        {
            "kind": "coaching_session",
            "title": "Coaching session 4",
            "in_days": -7,
            "at": "10:00",
            "minutes": 60,
            "place": "Office",
            "attendees": [0],
            "skills": "Letting natural consequences happen; Helen's own evening walk.",
        },
        {
            "kind": "coaching_session",
            "title": "Coaching session 5",
            "in_days": 0,
            "at": "16:00",
            "minutes": 60,
            "place": "Video call",
            "video": True,
            "attendees": [0],
        },
        {
            "kind": "coaching_session",
            "title": "Coaching session 6",
            "in_days": 7,
            "at": "10:00",
            "minutes": 60,
            "place": "Office",
            "attendees": [0],
        },
    ],
    "timezone": "America/Chicago",
    "logistics_done": 1,
}

WRENFIELD: dict[str, Any] = {
    "client": {
        "full_name": "Maya Wrenfield",
        "preferred_name": "Maya",
        "pronouns": "she/her",
        "date_of_birth": "2005-06-17",
    },
    "case": {
        "kind": "family",
        "model": "systemic",
        "status": "intake",
        "sign_decline": True,
        "concerns_notes": "Binge drinking at university and very restrictive eating; the "
        "family argues about whose fault it is.",
        "goals": "The whole family understands what is happening and decides together on an "
        "assessment at the eating-disorder clinic.",
        "treatment_options": "Family-based treatment at the Willow clinic; a student "
        "counselling referral.",
        "counselor_notes": "Parents disagree openly; her brother Leo is the calmest voice.",
        "co_occurring_illness": True,
    },
    "concerns": [
        ("substance", "Alcohol", "Weekend binges; blacked out twice this term."),
        ("mental_health", "Restrictive eating", "Skips meals; exercises for hours."),
    ],
    "observations": [(-14, "decline", "Fainted in a lecture; the university called home.")],
    "participants": [
        {"name": "Anna Wrenfield", "relationship_to_client": "mother", "role": "reader"},
        {"name": "Robert Wrenfield", "relationship_to_client": "father", "role": "reader"},
        {"name": "Leo Wrenfield", "relationship_to_client": "brother", "role": "reader"},
    ],
    "events": [
        {
            "kind": "network_meeting",
            "title": "Family meeting 1: what we are seeing",
            "in_days": 6,
            "at": "18:30",
            "minutes": 90,
            "place": "Office, room 2",
            "attendees": [0, 1, 2],
        },
    ],
    "timezone": "America/Chicago",
    "logistics_done": 0,
}

FERNSBY: dict[str, Any] = {
    "client": {"full_name": "Ivy Fernsby", "preferred_name": "Ivy", "pronouns": "she/her"},
    "case": {
        "kind": "crisis",
        "model": "love_first",
        "status": "closed",
        "sign_safety": True,
        "concerns_notes": "Prescription stimulants and alcohol after a divorce.",
        "goals": "Ivy enters treatment safely.",
        "treatment_options": "Cedar Hollow; outpatient if she refused residential.",
        "counselor_notes": "She refused at the meeting, then called her sister nine days later "
        "and asked to go. Case closed after a good handoff.",
    },
    "archived_days_ago": 60,
    "concerns": [("substance", "Stimulants and alcohol", "Took far more than prescribed.")],
    "observations": [(-130, "safety", "Drove her children after drinking.")],
    "participants": [
        {
            "name": "Rosa Fernsby",
            "relationship_to_client": "sister",
            "role": "chairperson",
            "bottom_line_kept": True,
        },
        {"name": "Hugo Lindqvist", "relationship_to_client": "friend", "role": "closer"},
    ],
    "letters": [
        {
            "author": 0,
            "status": "final",
            "position": 1,
            "connection": "Ivy, you are the bravest person I know; you held my hand through "
            "everything.",
            "incidents": "In June you drove the kids home from the lake after three glasses of "
            "wine. I followed you the whole way and prayed.",
            "impact": "I am frightened for you and for them.",
            "request": "Cedar Hollow has a bed today. Will you take it?",
        },
        {
            "author": 0,
            "kind": "bottom_line",
            "status": "final",
            "bottom_line": "If you say no, I will not drive the children with you again until you "
            "are in treatment. I love you, and I will keep to this.",
        },
    ],
    "events": [
        {
            "kind": "intervention",
            "title": "Meeting with Ivy",
            "in_days": -100,
            "at": "10:00",
            "minutes": 60,
            "place": "27 Willow Lane",
            "attendees": [0, 1],
        },
    ],
    "timezone": "America/New_York",
    "logistics_done": 99,
    "outcome": {
        "result": "refused",
        "in_days": -100,
        "admitted_to": "",
        "notes": "Refused and left after twenty minutes; Rosa read her bottom line.",
    },
    "later_outcome": {
        "result": "admitted",
        "in_days": -91,
        "admitted_to": "Cedar Hollow Recovery Center (demo)",
        "notes": "Called Rosa and asked to go.",
    },
}
