"""Transfers between two real workspaces: round trips, conflicts, deletions, refusals."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from interventiondesk.errors import InvalidTransferFile
from interventiondesk.model import AuditEvent, Case, LogisticsItem
from interventiondesk.services import transfer_state, transfers
from interventiondesk.services.interchange import case_document
from interventiondesk.services.merge import FlatRecord, Side, add_record, flatten, set_field
from interventiondesk.services.transfer_file import MAGIC, open_payload
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.hashes import folder_hashes
from tests.services.test_interchange import SECRET, build_full_case
from tests.services.test_merge import TEXT_FIELDS

WORDS = "lantern orchard seventy copper kites"


@dataclass
class Computer:
    """One computer: its workspace and its open database."""

    workspace: Workspace
    db: Database

    def send(self, case_ids: list[str], path: Path, words: str = WORDS) -> transfers.Sent:
        return transfers.transfer_out(self.db, case_ids, path, words, kdf=TEST_KDF)

    def receive(self, path: Path, words: str = WORDS, **options: Any) -> transfers.Received:
        return transfers.transfer_in(self.workspace, self.db, path, words, **options)

    def document(self, case_id: str) -> dict[str, Any]:
        with self.db.session() as session:
            return case_document(session.get_one(Case, case_id))

    def set(self, part: str, record_id: str, name: str, value: Any) -> None:
        with self.db.session(write=True) as session:
            set_field(session, part, record_id, name, value)


def open_side(tmp_path: Path, template: tuple[Path, str], name: str) -> Computer:
    folder = tmp_path / name
    shutil.copytree(template[0], folder)
    workspace = Workspace(folder)
    db = workspace.unlock(PASSPHRASE)
    with db.session(write=True) as session:
        transfer_state.workspace_identity(session)
        transfer_state.set_workspace_name(session, name)
    return Computer(workspace, db)


@pytest.fixture
def office(tmp_path: Path, _template_workspace: tuple[Path, str]) -> Iterator[Computer]:
    side = open_side(tmp_path, _template_workspace, "office")
    yield side
    side.db.close()


@pytest.fixture
def laptop(tmp_path: Path, _template_workspace: tuple[Path, str]) -> Iterator[Computer]:
    side = open_side(tmp_path, _template_workspace, "laptop")
    yield side
    side.db.close()


@pytest.fixture
def case_id(office: Computer) -> str:
    with office.db.session(write=True) as session:
        return build_full_case(session, "plain words").id


def first_of(document: dict[str, Any], part: str) -> str:
    return next(r.id for r in flatten(document).values() if r.part == part)


def test_the_first_transfer_takes_the_case_whole_and_marks_it_away(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path
) -> None:
    path = tmp_path / "transfer.idtransfer"
    sent = office.send([case_id], path)
    raw = path.read_bytes()
    assert raw.startswith(MAGIC)
    assert SECRET.encode() not in raw and b"plain words" not in raw
    with office.db.session() as session:
        mark = transfer_state.mark_of(session, case_id)
        assert mark is not None and mark.peer_name == ""  # the laptop is not known yet
    _header, payload = open_payload(raw, WORDS)  # whole cases only: no trail, no keys
    assert set(payload) == {"cases"}
    assert [set(item) for item in payload["cases"]] == [{"document", "acknowledged"}]
    assert b"audit" not in json.dumps(payload).encode() and b"wrapped" not in raw
    received = laptop.receive(path)
    assert received.applied and received.conflicts == [] and received.cases[0].new
    assert laptop.document(case_id)["case"] == office.document(case_id)["case"]
    assert flatten(laptop.document(case_id)).keys() == flatten(office.document(case_id)).keys()
    assert sent.cases == (case_id,)
    with laptop.db.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent))]
        assert "transfer.in" in actions
        details = " ".join(e.detail for e in session.scalars(select(AuditEvent)))
        assert SECRET not in details and "plain words" not in details
    assert received.backup is not None and received.backup.exists()


@pytest.mark.parametrize("part", sorted(TEXT_FIELDS))
def test_an_edit_at_the_kitchen_table_comes_back_for_every_kind_of_record(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path, part: str
) -> None:
    office.send([case_id], tmp_path / "out.idtransfer")
    laptop.receive(tmp_path / "out.idtransfer")
    record = first_of(laptop.document(case_id), part)
    if part == "risk_screens":  # a saved screen is never changed: a new one is added
        old = flatten(laptop.document(case_id))[record]
        record = "00000000-0000-4000-8000-0000000000aa"
        fields = {**old.fields, "id": record, TEXT_FIELDS[part]: "written at the kitchen table"}
        with laptop.db.session(write=True) as session:
            add_record(session, FlatRecord(part, old.owner, fields))
    else:
        laptop.set(part, record, TEXT_FIELDS[part], "written at the kitchen table")
    laptop.send([case_id], tmp_path / "back.idtransfer")
    received = office.receive(tmp_path / "back.idtransfer")
    assert received.conflicts == []
    fields = flatten(office.document(case_id))[record].fields
    assert fields[TEXT_FIELDS[part]] == "written at the kitchen table"
    with office.db.session() as session:
        assert transfer_state.mark_of(session, case_id) is None


def test_edits_on_both_sides_without_overlap_are_both_kept(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path
) -> None:
    office.send([case_id], tmp_path / "out.idtransfer")
    laptop.receive(tmp_path / "out.idtransfer")
    office.set("case", case_id, "goals", "from the office")
    laptop.set("case", case_id, "seating_notes", "from the laptop")
    attendee = first_of(laptop.document(case_id), "attendees")
    laptop.set("attendees", attendee, "response", "declined")
    laptop.send([case_id], tmp_path / "back.idtransfer")
    assert office.receive(tmp_path / "back.idtransfer").conflicts == []
    case = office.document(case_id)["case"]
    assert (case["goals"], case["seating_notes"]) == ("from the office", "from the laptop")
    assert flatten(office.document(case_id))[attendee].fields["response"] == "declined"


def both_edit_goals(office: Computer, laptop: Computer, case_id: str, tmp_path: Path) -> Path:
    office.send([case_id], tmp_path / "out.idtransfer")
    laptop.receive(tmp_path / "out.idtransfer")
    office.set("case", case_id, "goals", "office goals")
    laptop.set("case", case_id, "goals", "laptop goals")
    laptop.set("case", case_id, "seating_notes", "laptop seating")
    laptop.send([case_id], tmp_path / "back.idtransfer")
    return tmp_path / "back.idtransfer"


def test_a_true_conflict_changes_nothing_until_decided(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path
) -> None:
    path = both_edit_goals(office, laptop, case_id, tmp_path)
    office.db.close()
    before = folder_hashes(office.workspace.folder)
    office.db = office.workspace.unlock(PASSPHRASE)
    received = office.receive(path)
    assert not received.applied
    [conflict] = received.conflicts
    assert (conflict.field, conflict.mine, conflict.theirs) == (
        "goals",
        "office goals",
        "laptop goals",
    )
    office.db.close()
    assert folder_hashes(office.workspace.folder) == before
    office.db = office.workspace.unlock(PASSPHRASE)


@pytest.mark.parametrize("prefer", [Side.MINE, Side.THEIRS])
def test_prefer_settles_every_conflict_one_way(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path, prefer: Side
) -> None:
    path = both_edit_goals(office, laptop, case_id, tmp_path)
    received = office.receive(path, prefer=prefer)
    assert received.applied and len(received.conflicts) == 1
    case = office.document(case_id)["case"]
    assert case["goals"] == ("office goals" if prefer is Side.MINE else "laptop goals")
    assert case["seating_notes"] == "laptop seating"
    with office.db.session() as session:
        assert transfer_state.conflicts(session) == []


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("mine", "office goals"),
        ("theirs", "laptop goals"),
        ("both", "office goals\n\nlaptop goals"),
    ],
)
def test_kept_conflicts_show_on_the_case_until_the_counselor_decides(
    office: Computer,
    laptop: Computer,
    case_id: str,
    tmp_path: Path,
    choice: transfer_state.Choice,
    expected: str,
) -> None:
    path = both_edit_goals(office, laptop, case_id, tmp_path)
    office.receive(path, keep_conflicts=True)
    assert office.document(case_id)["case"]["seating_notes"] == "laptop seating"
    with office.db.session() as session:
        assert transfer_state.cases_with_conflicts(session) == {case_id}
        [row] = transfer_state.conflicts(session, case_id)
        assert row.is_text and row.peer_name == "laptop" and row.theirs == "laptop goals"
    with office.db.session(write=True) as session:
        transfer_state.resolve_conflict(session, row.id, choice)
    assert office.document(case_id)["case"]["goals"] == expected
    with office.db.session() as session:
        assert transfer_state.cases_with_conflicts(session) == set()


def test_deletions_come_back_hard_or_soft_as_the_app_deletes(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path
) -> None:
    office.send([case_id], tmp_path / "out.idtransfer")
    laptop.receive(tmp_path / "out.idtransfer")
    document = laptop.document(case_id)
    item = document["logistics"][0]["id"]
    letter = next(x["id"] for x in document["letters"] if x["deleted_at"] is None)
    with laptop.db.session(write=True) as session:
        session.delete(session.get_one(LogisticsItem, item))
    laptop.set("letters", letter, "deleted_at", "2026-12-02T09:00:00+00:00")
    laptop.send([case_id], tmp_path / "back.idtransfer")
    received = office.receive(tmp_path / "back.idtransfer")
    assert received.conflicts == [] and received.cases[0].result is not None
    assert received.cases[0].result.removed == 1
    after = flatten(office.document(case_id))
    assert item not in after
    assert after[letter].fields["deleted_at"] == "2026-12-02T09:00:00Z"


def test_the_same_file_received_twice_changes_nothing_the_second_time(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path
) -> None:
    office.send([case_id], tmp_path / "out.idtransfer")
    laptop.receive(tmp_path / "out.idtransfer")
    laptop.db.close()
    before = folder_hashes(laptop.workspace.folder)
    laptop.db = laptop.workspace.unlock(PASSPHRASE)
    again = laptop.receive(tmp_path / "out.idtransfer")
    assert again.already and not again.applied
    laptop.db.close()
    assert folder_hashes(laptop.workspace.folder) == before
    laptop.db = laptop.workspace.unlock(PASSPHRASE)


def test_a_lost_file_and_a_second_transfer_out_lose_no_edit(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path
) -> None:
    office.send([case_id], tmp_path / "first.idtransfer")
    laptop.receive(tmp_path / "first.idtransfer")
    laptop.set("case", case_id, "goals", "laptop goals")
    laptop.send([case_id], tmp_path / "back.idtransfer")
    office.receive(tmp_path / "back.idtransfer")
    # The office sends twice while the laptop still has the case; the first file is lost.
    office.set("case", case_id, "seating_notes", "office seating")
    office.send([case_id], tmp_path / "lost.idtransfer")
    office.set("case", case_id, "counselor_notes", "office notes")
    office.send([case_id], tmp_path / "second.idtransfer")
    laptop.set("case", case_id, "treatment_options", "laptop options")
    assert laptop.receive(tmp_path / "second.idtransfer").conflicts == []
    laptop.set("case", case_id, "family_system", "laptop family")
    laptop.send([case_id], tmp_path / "back2.idtransfer")
    assert office.receive(tmp_path / "back2.idtransfer").conflicts == []
    case = office.document(case_id)["case"]
    assert (case["goals"], case["seating_notes"], case["counselor_notes"]) == (
        "laptop goals",
        "office seating",
        "office notes",
    )
    assert (case["treatment_options"], case["family_system"]) == (
        "laptop options",
        "laptop family",
    )


def test_several_round_trips_keep_both_sides_in_step(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path
) -> None:
    for trip in range(3):
        office.set("case", case_id, "goals", f"office {trip}")
        office.send([case_id], tmp_path / f"out{trip}.idtransfer")
        assert laptop.receive(tmp_path / f"out{trip}.idtransfer").conflicts == []
        laptop.set("case", case_id, "seating_notes", f"laptop {trip}")
        laptop.send([case_id], tmp_path / f"back{trip}.idtransfer")
        assert office.receive(tmp_path / f"back{trip}.idtransfer").conflicts == []
    mine, theirs = office.document(case_id), laptop.document(case_id)
    assert {k: r.edits() for k, r in flatten(mine).items()} == {
        k: r.edits() for k, r in flatten(theirs).items()
    }
    assert mine["case"]["goals"] == "office 2" and mine["case"]["seating_notes"] == "laptop 2"


def tamper(raw: bytes, how: str) -> bytes:
    header_end = raw.index(b"\n", len(MAGIC)) + 1
    header = json.loads(raw[len(MAGIC) : header_end])
    if how == "damaged":
        return raw[:-40] + bytes([raw[-40] ^ 1]) + raw[-39:]
    if how == "truncated":
        return raw[: len(raw) // 2]
    if how == "foreign":
        return b"PK\x03\x04" + raw[4:]
    if how == "newer":
        header["format"] = 2
    if how == "header changed":
        header["sender"]["name"] = "someone else"
    line = json.dumps(header).encode() + b"\n"
    return MAGIC + line + raw[header_end:]


@pytest.mark.parametrize(
    ("how", "words"),
    [
        ("damaged", "changed after it was written"),
        ("truncated", "cut short"),
        ("foreign", "not an InterventionDesk transfer file"),
        ("newer", "newer InterventionDesk"),
        ("header changed", "changed after it was written"),
        ("wrong passphrase", "passphrase is wrong"),
        ("other workspace", "meant for another workspace"),
        ("own file", "written by this workspace"),
    ],
)
def test_a_bad_file_is_refused_in_words_and_changes_nothing(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path, how: str, words: str
) -> None:
    path = tmp_path / "out.idtransfer"
    office.send([case_id], path)
    receiver = laptop
    if how == "other workspace":  # a file for the office, received by a third computer
        laptop.receive(path)
        laptop.send([case_id], path)
        receiver = open_side(tmp_path, (laptop.workspace.folder, ""), "third")
        with receiver.db.session(write=True) as session:
            transfer_state.set_workspace_name(session, "third")
            from interventiondesk.services import settings

            settings.put(
                session, transfer_state.WORKSPACE_ID, "00000000-0000-4000-8000-0000000000ff"
            )
    elif how == "own file":
        receiver = office
    elif how != "wrong passphrase":
        path.write_bytes(tamper(path.read_bytes(), how))
    receiver.db.close()
    before = folder_hashes(receiver.workspace.folder)
    receiver.db = receiver.workspace.unlock(PASSPHRASE)
    with pytest.raises(InvalidTransferFile, match=words) as refused:
        receiver.receive(path, "wrong words here" if how == "wrong passphrase" else WORDS)
    assert str(refused.value).endswith("nothing was changed.")
    receiver.db.close()
    assert folder_hashes(receiver.workspace.folder) == before
    receiver.db = receiver.workspace.unlock(PASSPHRASE)
    if receiver is not laptop and receiver is not office:
        receiver.db.close()


def test_an_older_file_received_after_a_newer_one_leaves_the_case_alone(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path
) -> None:
    office.send([case_id], tmp_path / "older.idtransfer")
    office.set("case", case_id, "goals", "newer goals")
    office.send([case_id], tmp_path / "newer.idtransfer")
    laptop.receive(tmp_path / "newer.idtransfer")
    late = laptop.receive(tmp_path / "older.idtransfer")
    assert late.applied and late.cases[0].result is None
    assert laptop.document(case_id)["case"]["goals"] == "newer goals"


def test_several_cases_travel_in_one_file_and_a_taken_reference_is_refused(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path
) -> None:
    from interventiondesk.services.cases import create_case

    with office.db.session(write=True) as session:
        other = create_case(session, client_name="Second family", kind="family", model="systemic")
        other_id, other_reference = other.id, other.reference
    sent = office.send([case_id, other_reference], tmp_path / "two.idtransfer")
    assert sent.cases == (case_id, other_id)
    with laptop.db.session(write=True) as session:
        clash = create_case(session, client_name="Laptop family", kind="family", model="systemic")
        clash.reference = other_reference
    with pytest.raises(InvalidTransferFile, match="already uses the reference"):
        laptop.receive(tmp_path / "two.idtransfer")
    with laptop.db.session() as session:
        assert session.get(Case, case_id) is None
    with laptop.db.session(write=True) as session:
        session.get_one(Case, clash.id).reference = "IN-OTHER"
    received = laptop.receive(tmp_path / "two.idtransfer")
    assert [c.new for c in received.cases] == [True, True]
    with office.db.session() as session:
        assert transfer_state.marks(session).keys() == {case_id, other_id}


def test_a_sealed_file_holding_a_broken_case_is_refused(laptop: Computer, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from interventiondesk.model import new_id
    from interventiondesk.services.transfer_file import Header, seal

    header = Header(new_id(), new_id(), "elsewhere", None, datetime.now(UTC), 1)
    broken = {"format": "interventiondesk-case", "version": "1.1", "case": {}}
    path = tmp_path / "broken.idtransfer"
    path.write_bytes(
        seal(header, {"cases": [{"document": broken, "acknowledged": None}]}, WORDS, TEST_KDF)
    )
    with pytest.raises(InvalidTransferFile) as refused:
        laptop.receive(path)
    assert str(refused.value).startswith("A case in the transfer file is not valid (")
    assert str(refused.value).endswith("); nothing was changed.")


def test_a_file_for_any_computer_goes_to_a_second_laptop(
    office: Computer, laptop: Computer, case_id: str, tmp_path: Path, _template_workspace: Any
) -> None:
    office.send([case_id], tmp_path / "out.idtransfer")
    laptop.receive(tmp_path / "out.idtransfer")
    laptop.set("case", case_id, "goals", "laptop goals")
    laptop.send([case_id], tmp_path / "back.idtransfer")
    office.receive(tmp_path / "back.idtransfer")
    second = open_side(tmp_path, _template_workspace, "second laptop")
    try:
        office.send([case_id], tmp_path / "for laptop.idtransfer")
        with pytest.raises(InvalidTransferFile, match="meant for another workspace"):
            second.receive(tmp_path / "for laptop.idtransfer")
        transfers.transfer_out(
            office.db,
            [case_id],
            tmp_path / "any.idtransfer",
            WORDS,
            kdf=TEST_KDF,
            any_computer=True,
        )
        assert second.receive(tmp_path / "any.idtransfer").cases[0].new
        assert second.document(case_id)["case"]["goals"] == "laptop goals"
        with office.db.session() as session:
            mark = transfer_state.mark_of(session, case_id)
            assert mark is not None and mark.peer_name == ""
    finally:
        second.db.close()
