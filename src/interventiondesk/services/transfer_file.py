"""The transfer file: a plain header and an AES-256-GCM payload under a transfer passphrase.

Layout and rules: docs/transfers.md. This module only seals and opens bytes; what a workspace
does with them is ``services.transfers``.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import zlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from interventiondesk.errors import InvalidTransferFile
from interventiondesk.storage.keys import NONCE_BYTES, SALT_BYTES, KdfParams, passphrase_key

MAGIC = b"InterventionDesk transfer\n"
FORMAT = 1
MAX_HEADER_BYTES = 4096
MAX_CASES = 1000
MAX_TRANSFER_BYTES = 1024 * 1024 * 1024
"""A transfer file larger than 1 GiB is refused before it is read."""
MAX_PAYLOAD_BYTES = 2 * MAX_TRANSFER_BYTES
"""The payload once uncompressed: a bound, so that a crafted file cannot fill the memory."""
SUFFIX = ".idtransfer"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NOTHING_CHANGED = "nothing was changed."


@dataclass(frozen=True)
class Header:
    """What a transfer file says in plain text: no client data, only workspaces and counts."""

    transfer: str
    sender_id: str
    sender_name: str
    target_id: str | None
    created_at: datetime
    cases: int


def suggested_name(header: Header) -> str:
    """A neutral file name: the date and a short piece of the transfer's identity."""
    return f"transfer-{header.created_at:%Y-%m-%d}-{header.transfer[:8]}{SUFFIX}"


def _refuse(reason: str) -> InvalidTransferFile:
    return InvalidTransferFile(f"{reason}; {NOTHING_CHANGED}")


def seal(header: Header, payload: dict[str, Any], passphrase: str, kdf: KdfParams) -> bytes:
    """The whole file: magic line, header line, then the encrypted, compressed payload."""
    salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
    plain = zlib.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), 6)
    length = len(plain) + 16  # AES-GCM appends a 16-byte tag
    fields = {
        "format": FORMAT,
        "transfer": header.transfer,
        "sender": {"id": header.sender_id, "name": header.sender_name},
        "target": header.target_id,
        "created_at": header.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "cases": header.cases,
        "kdf": {"name": "argon2id", **asdict(kdf), "salt": _b64(salt)},
        "nonce": _b64(nonce),
        "length": length,
    }
    line = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    if len(line) > MAX_HEADER_BYTES:
        raise ValueError("header too long")  # only a very long workspace name could do this
    key = passphrase_key(passphrase, salt, kdf)
    return MAGIC + line + AESGCM(key).encrypt(nonce, plain, MAGIC + line)


def read_header(raw: bytes) -> tuple[Header, dict[str, Any], bytes, bytes]:
    """The header of a transfer file, its raw fields, the authenticated prefix and the rest."""
    if not raw.startswith(MAGIC):
        raise _refuse("This is not an InterventionDesk transfer file")
    end = raw.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER_BYTES)
    if end < 0:
        raise _refuse("The transfer file is damaged or cut short (its header is incomplete)")
    try:
        fields = json.loads(raw[len(MAGIC) : end].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _refuse("The transfer file is damaged (its header cannot be read)") from exc
    if not isinstance(fields, dict) or type(fields.get("format")) is not int:
        raise _refuse("The transfer file is damaged (its header cannot be read)")
    if fields["format"] > FORMAT:
        raise _refuse(
            f"The transfer file was made by a newer InterventionDesk (format {fields['format']}; "
            f"this one reads format {FORMAT}). Install the newer version to receive it"
        )
    try:
        header = _header(fields)
    except (KeyError, TypeError, ValueError) as exc:
        raise _refuse("The transfer file is damaged (its header is not complete)") from exc
    body = raw[end + 1 :]
    length = fields["length"]
    if len(body) < length:
        raise _refuse(
            "The transfer file is cut short (it was not copied completely); copy it again"
        )
    if len(body) > length:
        raise _refuse("The transfer file is damaged (it is longer than it says)")
    return header, fields, raw[: end + 1], body


def _header(fields: dict[str, Any]) -> Header:
    sender, target = fields["sender"], fields["target"]
    checks = (
        fields["format"] >= 1,
        isinstance(fields["transfer"], str) and _UUID.fullmatch(fields["transfer"]) is not None,
        isinstance(sender["id"], str) and _UUID.fullmatch(sender["id"]) is not None,
        isinstance(sender["name"], str) and len(sender["name"]) <= 200,
        target is None or (isinstance(target, str) and _UUID.fullmatch(target) is not None),
        type(fields["cases"]) is int and 0 < fields["cases"] <= MAX_CASES,
        type(fields["length"]) is int and 16 <= fields["length"] <= MAX_TRANSFER_BYTES,
        isinstance(fields["kdf"], dict) and fields["kdf"].get("name") == "argon2id",
    )
    if not all(checks):
        raise ValueError("header field out of range")
    created = datetime.fromisoformat(fields["created_at"])
    if created.tzinfo is None:
        raise ValueError("naive time")
    return Header(
        fields["transfer"], sender["id"], sender["name"], target, created, fields["cases"]
    )


def open_payload(raw: bytes, passphrase: str) -> tuple[Header, dict[str, Any]]:
    """The header and the decrypted payload; refused in words when anything is wrong."""
    header, fields, prefix, body = read_header(raw)
    try:
        kdf = KdfParams.from_json(fields["kdf"])
        salt = _unb64(fields["kdf"]["salt"], SALT_BYTES)
        nonce = _unb64(fields["nonce"], NONCE_BYTES)
    except (KeyError, TypeError, ValueError) as exc:
        raise _refuse("The transfer file is damaged (its key settings are not valid)") from exc
    key = passphrase_key(passphrase, salt, kdf)
    try:
        compressed = AESGCM(key).decrypt(nonce, body, prefix)
    except InvalidTag as exc:
        raise _refuse(
            "The transfer passphrase is wrong, or the file was changed after it was written"
        ) from exc
    try:
        inflater = zlib.decompressobj()
        plain = inflater.decompress(compressed, MAX_PAYLOAD_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise ValueError("payload too large or incomplete")
        payload = json.loads(plain.decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise _refuse("The transfer file's content cannot be read") from exc
    cases = payload.get("cases") if isinstance(payload, dict) else None
    if (
        not isinstance(cases, list)
        or len(cases) != header.cases
        or not all(
            isinstance(item, dict)
            and isinstance(item.get("document"), dict)
            and (item.get("acknowledged") is None or isinstance(item["acknowledged"], str))
            for item in cases
        )
    ):
        raise _refuse("The transfer file's content is not complete")
    return header, payload


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, length: int) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if len(data) != length:
        raise ValueError("wrong length")
    return data
