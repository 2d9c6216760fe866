"""The key file: a random data key wrapped by the passphrase and, separately, by the recovery key.

The database is keyed with the raw 256-bit data key, so opening a connection costs no key
derivation. The data key is only ever stored wrapped with AES-256-GCM: once under a key derived
from the passphrase with Argon2id, once under a key derived from the recovery key (which is itself
random and 256 bits strong, so HKDF is enough). Changing the passphrase rewraps 32 bytes.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from interventiondesk.errors import (
    DamagedWorkspace,
    InvalidInput,
    WeakPassphrase,
    WrongPassphrase,
)
from interventiondesk.storage.files import read_small_regular_file, write_private_atomically

KEY_FILE_FORMAT = 1
DATA_KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = 10
MIN_PASSPHRASE_SCORE = 3
_AAD_PASSPHRASE = b"InterventionDesk data key, passphrase wrap, v1"
_AAD_RECOVERY = b"InterventionDesk data key, recovery wrap, v1"
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed back


MAX_TIME_COST = 10
MAX_MEMORY_COST_KIB = 1024 * 1024  # 1 GiB
MAX_PARALLELISM = 16
MAX_KDF_WORK_KIB = 4 * 1024 * 1024
"""Passes times memory: at most 4 GiB of memory traffic (the default does 768 MiB), so that a
tampered key file cannot make unlocking run for minutes."""
MAX_KEY_FILE_BYTES = 64 * 1024
"""A real key file is about half a kilobyte; anything much larger is not one of ours."""
SALT_BYTES = 16
NONCE_BYTES = 12
WRAPPED_BYTES = DATA_KEY_BYTES + 16  # AES-GCM appends a 16-byte tag


def _stored_int(value: object) -> int:
    if type(value) is not int:  # not a bool, a float or a string
        raise ValueError("not an integer")
    return value


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; the default takes roughly a third to half a second on a laptop."""

    time_cost: int = 3
    memory_cost_kib: int = 262_144
    parallelism: int = 2

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        """Read stored parameters, refusing values no real key file holds (ValueError).

        The bounds are what this program could have written, with room to spare: at most 10
        passes, 1 GiB of memory, 16 lanes and 4 GiB of memory traffic in all.
        """
        params = cls(
            _stored_int(data["time_cost"]),
            _stored_int(data["memory_cost_kib"]),
            _stored_int(data["parallelism"]),
        )
        if not (
            1 <= params.time_cost <= MAX_TIME_COST
            and 1 <= params.parallelism <= MAX_PARALLELISM
            and 8 * params.parallelism <= params.memory_cost_kib <= MAX_MEMORY_COST_KIB
            and params.time_cost * params.memory_cost_kib <= MAX_KDF_WORK_KIB
        ):
            raise ValueError("Argon2 parameters out of range")
        return params


def check_passphrase_strength(passphrase: str) -> None:
    """Raise ``WeakPassphrase`` with advice in our own words when the passphrase is too weak."""
    passphrase_bytes(passphrase)
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphrase(
            f"The passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters. "
            "Several unrelated words make a passphrase that is long yet easy to remember."
        )
    from zxcvbn import zxcvbn  # lazy: only needed when a passphrase is chosen

    if zxcvbn(passphrase[:100])["score"] < MIN_PASSPHRASE_SCORE:
        raise WeakPassphrase(
            "This passphrase would be easy to guess. Avoid names, dates and common phrases; "
            "four or more unrelated words work well."
        )


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def new_recovery_key() -> str:
    """A recovery key to print: 52 characters (260 bits) in groups of four."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(52))
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def normalise_recovery_key(text: str) -> str:
    """Accept a recovery key typed with spaces, lower case or missing dashes."""
    kept = "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())
    return "-".join(kept[i : i + 4] for i in range(0, len(kept), 4))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, length: int | None = None) -> bytes:
    """Stored base64, of exactly ``length`` bytes when given (ValueError otherwise)."""
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if length is not None and len(data) != length:
        raise ValueError("wrong length")
    return data


def passphrase_bytes(passphrase: str) -> bytes:
    """The passphrase as UTF-8; text that cannot be (e.g. undecodable bytes) is refused."""
    try:
        return passphrase.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(
            "The passphrase contains bytes that are not valid text (UTF-8), so it cannot be "
            "used; type it again, or set it as UTF-8 text. Nothing was changed."
        ) from exc


def passphrase_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """A 256-bit key from a passphrase with Argon2id (also the transfer files' key)."""
    return hash_secret_raw(
        passphrase_bytes(passphrase),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _recovery_kek(recovery_key: str, salt: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_AAD_RECOVERY)
    return hkdf.derive(normalise_recovery_key(recovery_key).encode("ascii"))


def _wrap(kek: bytes, data_key: bytes, aad: bytes) -> dict[str, str]:
    nonce = os.urandom(12)
    return {"nonce": _b64(nonce), "wrapped": _b64(AESGCM(kek).encrypt(nonce, data_key, aad))}


def _unwrap(kek: bytes, entry: dict[str, Any], aad: bytes) -> bytes | None:
    nonce = _unb64(entry["nonce"], NONCE_BYTES)
    try:
        return AESGCM(kek).decrypt(nonce, _unb64(entry["wrapped"], WRAPPED_BYTES), aad)
    except InvalidTag:
        return None


def _check_entry(entry: dict[str, Any], kdf: str) -> None:
    """Raise ValueError (or KeyError, TypeError) unless ``entry`` is a wrap we could have made."""
    if entry["kdf"] != kdf:
        raise ValueError("unknown key derivation")
    _unb64(entry["salt"], SALT_BYTES)
    _unb64(entry["nonce"], NONCE_BYTES)
    _unb64(entry["wrapped"], WRAPPED_BYTES)


_DEMO_KEY = re.compile(r"[0-9a-fA-F]{64}")
DAMAGED_KEY_FILE = (
    "The workspace's key file is damaged or is not an InterventionDesk key file. "
    "Restore it from a backup, or unlock a copy of the workspace that is intact."
)


@dataclass
class KeyFile:
    """What ``keys.json`` holds. No part of it reveals anything about the cases."""

    passphrase: dict[str, Any]
    recovery: dict[str, Any]
    demo_key: str = ""
    format: int = KEY_FILE_FORMAT

    @classmethod
    def for_new_workspace(
        cls, data_key: bytes, passphrase: str, recovery_key: str, params: KdfParams
    ) -> KeyFile:
        return cls(
            passphrase=cls._passphrase_entry(data_key, passphrase, params),
            recovery=cls._recovery_entry(data_key, recovery_key),
        )

    @classmethod
    def for_demo(cls, data_key: bytes) -> KeyFile:
        """A demo workspace holds only fictional data, so its key is kept in the clear."""
        return cls(passphrase={}, recovery={}, demo_key=data_key.hex())

    @staticmethod
    def _passphrase_entry(data_key: bytes, passphrase: str, params: KdfParams) -> dict[str, Any]:
        salt = os.urandom(16)
        kek = passphrase_key(passphrase, salt, params)
        return {"kdf": "argon2id", **asdict(params), "salt": _b64(salt)} | _wrap(
            kek, data_key, _AAD_PASSPHRASE
        )

    @staticmethod
    def _recovery_entry(data_key: bytes, recovery_key: str) -> dict[str, Any]:
        salt = os.urandom(16)
        kek = _recovery_kek(recovery_key, salt)
        return {"kdf": "hkdf-sha256", "salt": _b64(salt)} | _wrap(kek, data_key, _AAD_RECOVERY)

    @property
    def is_demo(self) -> bool:
        return bool(self.demo_key)

    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        passphrase_bytes(passphrase)  # say so in words before anything else
        if self.is_demo:
            return bytes.fromhex(self.demo_key)
        entry = self.passphrase
        kek = passphrase_key(passphrase, _unb64(entry["salt"]), KdfParams.from_json(entry))
        data_key = _unwrap(kek, entry, _AAD_PASSPHRASE)
        if data_key is None:
            raise WrongPassphrase()
        return data_key

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        entry = self.recovery
        data_key = _unwrap(_recovery_kek(recovery_key, _unb64(entry["salt"])), entry, _AAD_RECOVERY)
        if data_key is None:
            raise WrongPassphrase("recovery key")
        return data_key

    def rewrap_passphrase(self, data_key: bytes, new_passphrase: str, params: KdfParams) -> None:
        self.passphrase = self._passphrase_entry(data_key, new_passphrase, params)

    def rewrap_recovery(self, data_key: bytes, new_recovery_key: str) -> None:
        self.recovery = self._recovery_entry(data_key, new_recovery_key)

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), indent=2).encode("utf-8")

    def save(self, path: Path) -> None:
        write_private_atomically(path, self.to_bytes(), workspace_file=True)

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        return cls.read(path)[0]

    @classmethod
    def read(cls, path: Path) -> tuple[KeyFile, bytes]:
        """The key file at ``path`` and its exact bytes; ``DamagedWorkspace`` unless it is a
        small regular file holding exactly what this program writes. Never blocks (a named
        pipe or a device is refused before it is read)."""
        damaged = DamagedWorkspace(DAMAGED_KEY_FILE)
        try:
            raw = read_small_regular_file(path, MAX_KEY_FILE_BYTES)
            data = json.loads(raw)
        except (OSError, ValueError) as exc:
            raise damaged from exc
        if not isinstance(data, dict) or _stored_int_or_none(data.get("format")) != KEY_FILE_FORMAT:
            raise damaged
        try:
            demo_key = data.get("demo_key", "")
            if not isinstance(demo_key, str):
                raise ValueError("demo key is not text")
            key_file = cls(
                passphrase=dict(data["passphrase"]),
                recovery=dict(data["recovery"]),
                demo_key=demo_key,
            )
            if key_file.is_demo:
                if not _DEMO_KEY.fullmatch(demo_key):
                    raise ValueError("demo key is not 64 hexadecimal digits")
            else:
                _check_entry(key_file.passphrase, "argon2id")
                _check_entry(key_file.recovery, "hkdf-sha256")
                KdfParams.from_json(key_file.passphrase)
        except (KeyError, TypeError, ValueError) as exc:
            raise damaged from exc
        return key_file, raw


def _stored_int_or_none(value: object) -> int | None:
    try:
        return _stored_int(value)
    except ValueError:
        return None
