"""The transfer file's envelope: sealed and opened, its header plain and authenticated."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from interventiondesk.errors import InvalidTransferFile
from interventiondesk.services.transfer_file import (
    MAGIC,
    Header,
    open_payload,
    read_header,
    seal,
    suggested_name,
)
from tests.conftest import TEST_KDF

WORDS = "lantern orchard seventy copper kites"
HEADER = Header(
    "6f1c1a52-3a3e-4c55-9d55-0a3c8a1f0b11",
    "0b7f7e9e-6c1d-4c5e-8e0e-2b8f1d0c4a22",
    "Office desk",
    None,
    datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
    1,
)
PAYLOAD = {"cases": [{"document": {"client": "Zephyrine Quillfeather"}, "acknowledged": None}]}


def test_sealed_then_opened_gives_the_same_payload_and_hides_it() -> None:
    raw = seal(HEADER, PAYLOAD, WORDS, TEST_KDF)
    assert raw.startswith(MAGIC) and b"Quillfeather" not in raw
    header, payload = open_payload(raw, WORDS)
    assert header == HEADER and payload == PAYLOAD
    assert suggested_name(header) == "transfer-2026-12-01-6f1c1a52.idtransfer"


def test_the_plain_header_names_workspaces_only() -> None:
    raw = seal(HEADER, PAYLOAD, WORDS, TEST_KDF)
    _header, fields, _prefix, _body = read_header(raw)
    assert set(fields) == {
        "format", "transfer", "sender", "target", "created_at", "cases", "kdf", "nonce", "length",
    }  # fmt: skip
    assert fields["sender"] == {"id": HEADER.sender_id, "name": "Office desk"}


def rewrite(raw: bytes, change: dict[str, object]) -> bytes:
    end = raw.index(b"\n", len(MAGIC)) + 1
    fields = json.loads(raw[len(MAGIC) : end])
    fields.update(change)
    return MAGIC + json.dumps(fields).encode() + b"\n" + raw[end:]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"cases": 0}, "header is not complete"),
        ({"transfer": "not-a-uuid"}, "header is not complete"),
        ({"kdf": {"name": "argon2id", "time_cost": 99}}, "key settings are not valid"),
        ({"target": "0b7f7e9e-6c1d-4c5e-8e0e-2b8f1d0c4a33"}, "changed after it was written"),
        ({"length": 10**12}, "header is not complete"),
    ],
)
def test_a_changed_header_is_refused_in_words(change: dict[str, object], words: str) -> None:
    raw = rewrite(seal(HEADER, PAYLOAD, WORDS, TEST_KDF), change)
    with pytest.raises(InvalidTransferFile, match=words):
        open_payload(raw, WORDS)


def test_extra_bytes_after_the_content_are_refused() -> None:
    raw = seal(HEADER, PAYLOAD, WORDS, TEST_KDF)
    with pytest.raises(InvalidTransferFile, match="longer than it says"):
        open_payload(raw + b"x", WORDS)


def test_a_header_without_its_line_end_is_refused() -> None:
    with pytest.raises(InvalidTransferFile, match="header is incomplete"):
        open_payload(MAGIC + b'{"format": 1', WORDS)
