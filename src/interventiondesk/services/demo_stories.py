"""The fictional families of the demo workspace: names, plans, letters and meetings, in our words.

Every person here is invented. Days are counted from today, so the demo always looks current.
"""

from __future__ import annotations

from typing import Any

COUNSELOR = "Dana Whitlock (demo)"

MARBLETON: dict[str, Any] = {
    "client": {
        "full_name": "Theo Marbleton",
        "preferred_name": "Theo",
        "date_of_birth": "1979-03-14",
        "pronouns": "he/him",
        "phone": "555-0142",
        "email": "theo.marbleton@example.org",
        "address": "18 Larkspur Lane, Millbrook",
    },
    "case": {
        "kind": "crisis",
        "model": "johnson",
        "status": "ready",
        "sign_decline": True,
        "sign_denial": True,
        "sign_safety": True,
        "concerns_notes": "Daily heavy drinking for about three years, with a benzodiazepine "
        "prescription he takes with alcohol. Two falls at home since the summer.",
        "goals": "Theo agrees to go straight to medically supervised detox at Cedar Hollow on "
        "the day of the meeting.",
        "treatment_options": "First choice: Cedar Hollow inpatient detox, then 28-day "
        "residential. Second choice: Riverside intensive outpatient with daily check-ins.",
        "counselor_notes": "Wife asked for help after the second fall. Mixing alcohol and "
        "benzodiazepines makes unmanaged withdrawal dangerous: detox must be medical.",
        "facility_name": "Cedar Hollow Recovery Center (demo)",
        "facility_contact": "Intake desk, Jordan Pike",
        "facility_phone": "555-0190",
        "overdose_history": False,
        "naloxone_on_hand": False,
        "detox_needed": True,
        "co_occurring_illness": True,
        "referral_reason": "Escalating alcohol and benzodiazepine use with falls at home.",
        "recommended_modality": "CBT with a relapse-prevention focus",
        "seating_notes": "Priya beside Theo on the sofa; Sam facing him; counselor by the door.",
    },
    "intake_in_days": 3,
    "concerns": [
        ("substance", "Alcohol", "Most evenings, often a bottle of wine or more."),
        ("substance", "Benzodiazepines", "Prescribed for sleep; taken with alcohol."),
        ("mental_health", "Anxiety", "Panic at work last spring; stopped seeing his doctor."),
    ],
    "observations": [
        (-75, "decline", "Missed his daughter's school concert; said he was working late."),
        (-30, "safety", "Fell on the stairs at night and cut his forehead."),
        (-12, "denial", "Told his brother the drinking is 'just to unwind' and left the room."),
    ],
    "participants": [
        {
            "name": "Priya Marbleton",
            "relationship_to_client": "wife",
            "role": "chairperson",
            "phone": "555-0143",
            "counselor_notes": "Steady; has held this together for months.",
        },
        {
            "name": "Sam Marbleton",
            "relationship_to_client": "brother",
            "role": "reader",
            "phone": "555-0144",
        },
        {
            "name": "Ruth Okafor",
            "relationship_to_client": "oldest friend",
            "role": "closer",
            "phone": "555-0145",
        },
        {
            "name": "Lily Marbleton",
            "relationship_to_client": "daughter (12)",
            "role": "letter_only",
            "attending": False,
            "is_minor": True,
            "counselor_notes": "Stays with her grandmother that day; her letter is read by Priya.",
        },
    ],
    "letters": [
        {
            "author": 0,
            "status": "reviewed",
            "position": 1,
            "connection": "Theo, I still think about the night we painted the kitchen yellow and "
            "laughed until two in the morning. You are my best friend and I love you.",
            "incidents": "Three weeks ago I heard you fall on the stairs. I saw the blood on your "
            "forehead and I was terrified. Last month you missed Lily's concert and I watched her "
            "look for you in the crowd.",
            "impact": "I lie awake listening for you. I am scared every time the phone rings.",
            "request": "A bed is ready for you today at Cedar Hollow. Will you accept this help "
            "today?",
        },
        {
            "author": 1,
            "status": "draft",
            "position": 2,
            "connection": "You taught me to ride a bike and never told Dad when I crashed his car.",
            "incidents": "At Mum's birthday in August you fell asleep at the table before dessert "
            "and I had to drive you home.",
            "impact": "I miss my big brother. I feel like I am losing you a little every month.",
            "request": "Please go today. I will drive you and I will visit every Sunday.",
        },
        {
            "author": 3,
            "reader": 0,
            "status": "reviewed",
            "position": 3,
            "connection": "Dad, you make the best pancakes and the worst jokes.",
            "incidents": "When you fell on the stairs I hid in my room because I was scared.",
            "impact": "I get a stomach ache when you are sad and sleepy in the evenings.",
            "request": "Please go to the place that helps. I want my dad back.",
        },
        {
            "author": 2,
            "status": "final",
            "position": 4,
            "connection": "Thirty years of friendship, Theo: you were there when my father died.",
            "incidents": "At the barbecue in September you shouted at the kids for nothing and "
            "did not remember it the next day.",
            "impact": "I have started to make excuses not to see you, and I hate that.",
            "request": "Everyone in this room is here because we love you. Will you go today?",
        },
    ],
    "objections": [
        (
            "I can stop on my own.",
            "We believe you want to. Stopping suddenly is dangerous "
            "with what you take, so the doctors need to help.",
            0,
        ),
        (
            "I can't leave work right now.",
            "Your manager knows only that you are on medical leave; it is arranged.",
            2,
        ),
    ],
    "events": [
        {
            "kind": "rehearsal",
            "title": "Rehearsal",
            "in_days": 1,
            "at": "18:30",
            "minutes": 90,
            "place": "4 Orchard Row",
            "attendees": [0, 1, 2],
        },
        {
            "kind": "intervention",
            "title": "Meeting with Theo",
            "in_days": 3,
            "at": "10:00",
            "minutes": 90,
            "place": "The family home",
            "attendees": [0, 1, 2],
        },
    ],
    "timezone": "America/Chicago",
    "logistics_done": 5,
    "risk_screen": {
        "wish_to_be_dead": True,
        "suicidal_thoughts": False,
        "triage": "low",
        "notes": "Passive wish after the fall; no thoughts of acting on it.",
    },
    "safety_plan": {
        "warning_signs": "Drinking alone after midnight; talking about being a burden.",
        "internal_coping": "Walk the dog around the block; shower; music.",
        "distraction": "Sam's workshop; the Saturday café with Ruth.",
        "people_to_ask": "Priya, Sam, Ruth.",
        "professionals": "Dr. Ames (GP, demo); crisis line 988.",
        "safe_environment": "Sleeping pills kept by Priya; no alcohol at home.",
    },
    "asam": [3, 2, 2, 1, 3, 2],
}

QUILLFEATHER: dict[str, Any] = {
    "client": {
        "full_name": "Nora Quillfeather",
        "preferred_name": "Nora",
        "date_of_birth": "1996-09-02",
        "pronouns": "she/her",
        "phone": "555-0152",
        "address": "Flat 3, 22 Heron Street, Millbrook",
    },
    "case": {
        "kind": "planned",
        "model": "love_first",
        "status": "planning",
        "sign_decline": True,
        "sign_denial": True,
        "concerns_notes": "Opioid use since a sports injury in 2022; moved from pills to "
        "street fentanyl last year.",
        "goals": "Nora accepts admission to Lakeside Residential the same afternoon.",
        "treatment_options": "Lakeside Residential with medication for opioid use disorder; "
        "backup: outpatient buprenorphine clinic on Elm Street.",
        "counselor_notes": "Her former partner Kai is not on the team: contact stirs conflict. "
        "Martin chairs; Bea handles every detail of the day.",
        "facility_name": "Lakeside Residential (demo)",
        "facility_contact": "Admissions, Grace Holloway",
        "facility_phone": "555-0191",
        "overdose_history": True,
        "naloxone_on_hand": True,
        "detox_needed": True,
        "reading_minutes_limit": 2,
    },
    "intake_in_days": 7,
    "concerns": [("substance", "Opioids (fentanyl)", "Smoked most days; one overdose in May.")],
    "observations": [
        (-140, "safety", "Overdose at a friend's flat; revived with naloxone by paramedics."),
        (-45, "decline", "Lost her job at the garden centre after missed shifts."),
        (-9, "denial", "Said she has it 'under control now' and refused to talk further."),
    ],
    "participants": [
        {
            "name": "Martin Quillfeather",
            "relationship_to_client": "father",
            "role": "chairperson",
            "phone": "555-0153",
        },
        {
            "name": "Bea Quillfeather",
            "relationship_to_client": "aunt",
            "role": "detail_person",
            "phone": "555-0154",
            "counselor_notes": "Has the bag packed and the car booked.",
        },
        {
            "name": "Jonah Reyes",
            "relationship_to_client": "best friend since school",
            "role": "reader",
            "phone": "555-0155",
        },
        {
            "name": "Ellis Quillfeather",
            "relationship_to_client": "cousin",
            "role": "closer",
            "phone": "555-0156",
            "counselor_notes": "In recovery himself for six years; "
            "speaks from experience, keeps to the script.",
        },
    ],
    "letters": [
        {
            "author": 0,
            "status": "reviewed",
            "position": 1,
            "connection": "Nora, you were the kid who rescued every snail from the path after "
            "rain. I have been proud to be your dad every single day.",
            "incidents": "In May I got the call that you had stopped breathing. I sat in the "
            "hospital corridor and promised myself I would never stay quiet again.",
            "impact": "I have not slept through a night since. I keep my phone on the pillow.",
            "request": "Lakeside has a bed for you this afternoon. Will you go today?",
        },
        {
            "author": 0,
            "kind": "bottom_line",
            "status": "draft",
            "bottom_line": "If you say no today, I will no longer pay your rent or your phone. "
            "I will always answer when you call to say you are ready, and I will keep to this.",
        },
        {
            "author": 2,
            "status": "draft",
            "position": 2,
            "connection": "Remember our road trip to the coast when the car broke down and we "
            "slept on the beach? Best weekend of my life.",
            "incidents": "Last month you borrowed money for a bus fare and I saw you go the "
            "other way. I felt sick, then ashamed that I had noticed.",
            "impact": "I miss talking to you about nothing for hours.",
            "request": "Say yes today, and I will be there on every visiting day.",
        },
        {
            "author": 3,
            "status": "reviewed",
            "position": 3,
            "connection": "You came to my one-year celebration with a cake shaped like a turtle.",
            "incidents": "At Gran's ninetieth you nodded off mid-sentence, holding your plate.",
            "impact": "I know that place you are in. I also know how much better it gets.",
            "request": "Everything is ready: the bed, the bag, the ride. Will you come with us "
            "now?",
        },
    ],
    "objections": [
        (
            "I'll lose my flat.",
            "Bea has spoken to your landlord; the rent is covered for two months.",
            1,
        ),
        (
            "Residential is for people much worse than me.",
            "You stopped breathing in May. We want you alive.",
            0,
        ),
        ("Not today, maybe next week.", "The bed is ready today; next week it may not be.", 3),
    ],
    "events": [
        {
            "kind": "rehearsal",
            "title": "Rehearsal with the team",
            "in_days": 4,
            "at": "19:00",
            "minutes": 120,
            "place": "9 Quarry Road",
            "attendees": [0, 1, 2, 3],
        },
        {
            "kind": "intervention",
            "title": "Meeting with Nora",
            "in_days": 7,
            "at": "11:00",
            "minutes": 90,
            "place": "31 Aspen Drive, living room",
            "attendees": [0, 1, 2, 3],
        },
    ],
    "timezone": "America/Chicago",
    "logistics_done": 3,
    "asam": [3, 1, 2, 2, 4, 3],
}
