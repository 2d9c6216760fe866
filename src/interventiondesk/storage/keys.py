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
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from interventiondesk.errors import DamagedWorkspace, WeakPassphrase, WrongPassphrase
from interventiondesk.storage.files import write_private_atomically

KEY_FILE_FORMAT = 1
DATA_KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = 10
MIN_PASSPHRASE_SCORE = 3
_AAD_PASSPHRASE = b"InterventionDesk data key, passphrase wrap, v1"
_AAD_RECOVERY = b"InterventionDesk data key, recovery wrap, v1"
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed back


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; the default takes roughly a third to half a second on a laptop."""

    time_cost: int = 3
    memory_cost_kib: int = 262_144
    parallelism: int = 2

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        """Read stored parameters, refusing values no real key file holds (ValueError)."""
        params = cls(int(data["time_cost"]), int(data["memory_cost_kib"]), int(data["parallelism"]))
        if not (
            1 <= params.time_cost <= 64
            and 8 * params.parallelism <= params.memory_cost_kib <= 4 * 1024 * 1024
            and 1 <= params.parallelism <= 64
        ):
            raise ValueError("Argon2 parameters out of range")
        return params


def check_passphrase_strength(passphrase: str) -> None:
    """Raise ``WeakPassphrase`` with advice in our own words when the passphrase is too weak."""
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


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _passphrase_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
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
    try:
        return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), aad)
    except InvalidTag:
        return None


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
        kek = _passphrase_kek(passphrase, salt, params)
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
        if self.is_demo:
            return bytes.fromhex(self.demo_key)
        entry = self.passphrase
        kek = _passphrase_kek(passphrase, _unb64(entry["salt"]), KdfParams.from_json(entry))
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

    def save(self, path: Path) -> None:
        data = json.dumps(asdict(self), indent=2).encode("utf-8")
        write_private_atomically(path, data, workspace_file=True)

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        damaged = DamagedWorkspace(
            "The workspace's key file is damaged or is not an InterventionDesk key file. "
            "Restore it from a backup, or unlock a copy of the workspace that is intact."
        )
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise damaged from exc
        if not isinstance(data, dict) or data.get("format") != KEY_FILE_FORMAT:
            raise damaged
        try:
            key_file = cls(
                passphrase=dict(data["passphrase"]),
                recovery=dict(data["recovery"]),
                demo_key=str(data.get("demo_key", "")),
            )
            if not key_file.is_demo:
                for entry in (key_file.passphrase, key_file.recovery):
                    _unb64(entry["salt"])
                    _unb64(entry["nonce"])
                    _unb64(entry["wrapped"])
                KdfParams.from_json(key_file.passphrase)
        except (KeyError, TypeError, ValueError) as exc:
            raise damaged from exc
        return key_file
