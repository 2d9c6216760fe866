"""The key file: wrapping the data key, and refusing key files this program could not have written
(then the copy in backups/ opens the workspace)."""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interventiondesk.errors import DamagedWorkspace, InvalidInput, WrongPassphrase
from interventiondesk.storage.keys import (
    MAX_KEY_FILE_BYTES,
    KdfParams,
    KeyFile,
    new_data_key,
    new_recovery_key,
)
from interventiondesk.storage.workspace import KeyRepair, Workspace
from tests.conftest import PASSPHRASE, TEST_KDF

Mutation = Callable[[dict[str, Any]], None]


def _b64(size: int) -> str:
    return base64.b64encode(b"\x01" * size).decode("ascii")


def test_the_data_key_unwraps_with_the_passphrase_or_the_recovery_key(tmp_path: Path) -> None:
    data_key, recovery = new_data_key(), new_recovery_key()
    KeyFile.for_new_workspace(data_key, PASSPHRASE, recovery, TEST_KDF).save(tmp_path / "k.json")
    key_file = KeyFile.load(tmp_path / "k.json")
    assert key_file.unlock_with_passphrase(PASSPHRASE) == data_key
    assert key_file.unlock_with_recovery_key(recovery.lower()) == data_key
    with pytest.raises(WrongPassphrase):
        key_file.unlock_with_passphrase(PASSPHRASE + "!")
    key_file.rewrap_passphrase(data_key, "another long passphrase 9", TEST_KDF)
    assert key_file.unlock_with_passphrase("another long passphrase 9") == data_key


DAMAGE: dict[str, Mutation] = {
    "empty nonce": lambda d: d["passphrase"].update(nonce=""),
    "short nonce": lambda d: d["passphrase"].update(nonce=_b64(8)),
    "empty salt": lambda d: d["passphrase"].update(salt=""),
    "short salt": lambda d: d["recovery"].update(salt=_b64(4)),
    "short wrapped key": lambda d: d["recovery"].update(wrapped=_b64(16)),
    "nonce not text": lambda d: d["recovery"].update(nonce=12),
    "unknown key derivation": lambda d: d["passphrase"].update(kdf="md5"),
    "passes as text": lambda d: d["passphrase"].update(time_cost="3"),
    "format true": lambda d: d.update(format=True),
    "64 passes": lambda d: d["passphrase"].update(time_cost=64),
    "4 GiB of memory": lambda d: d["passphrase"].update(memory_cost_kib=4 * 1024 * 1024),
    "64 lanes": lambda d: d["passphrase"].update(parallelism=64),
    "1 GiB times 10 passes": lambda d: d["passphrase"].update(
        time_cost=10, memory_cost_kib=1024 * 1024
    ),
}


@pytest.mark.parametrize("mutate", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_key_file_is_said_to_be_damaged_and_the_copy_opens(
    workspace: Workspace, mutate: Mutation
) -> None:
    good = workspace.key_path.read_bytes()
    data = json.loads(good)
    mutate(data)
    workspace.key_path.write_text(json.dumps(data))
    with pytest.raises(DamagedWorkspace, match="key file is damaged"):
        KeyFile.load(workspace.key_path)
    started = time.monotonic()
    workspace.unlock(PASSPHRASE).close()
    assert time.monotonic() - started < 20  # never the minutes of a tampered Argon2 cost
    assert workspace.key_repair is KeyRepair.RESTORED
    assert workspace.key_path.read_bytes() == good


@pytest.mark.parametrize(
    "demo_key", ["zz" * 32, "ab" * 31, "ab" * 33, " " + "ab" * 31 + " ", "é" * 64]
)
def test_a_demo_key_that_is_not_64_hex_digits_is_damage(tmp_path: Path, demo_key: str) -> None:
    demo = Workspace(tmp_path / "demo")
    demo.create_demo().close()
    good = demo.key_path.read_bytes()
    data = json.loads(good)
    data["demo_key"] = demo_key
    demo.key_path.write_text(json.dumps(data))
    with pytest.raises(DamagedWorkspace, match="key file is damaged"):
        KeyFile.load(demo.key_path)
    assert demo.is_demo()  # the copy answers
    demo.open_demo().close()
    assert demo.key_path.read_bytes() == good


def test_argon2_bounds_accept_what_we_write_and_refuse_more() -> None:
    for params in (KdfParams(), TEST_KDF, KdfParams(10, 262_144, 16), KdfParams(4, 1 << 20, 4)):
        assert KdfParams.from_json(params.__dict__) == params
    for params in (KdfParams(11, 8192, 1), KdfParams(5, 1 << 20, 1), KdfParams(1, 8192, 17)):
        with pytest.raises(ValueError):
            KdfParams.from_json(params.__dict__)


def _loads_within(path: Path, seconds: float) -> BaseException | None:
    """Load ``path`` in a thread; fail the test (instead of hanging it) if the load blocks."""
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            KeyFile.load(path)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "loading the key file blocked"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_never_blocks_and_the_copy_opens(workspace: Workspace) -> None:
    good = workspace.key_path.read_bytes()
    workspace.key_path.unlink()
    os.mkfifo(workspace.key_path)
    assert isinstance(_loads_within(workspace.key_path, 5), DamagedWorkspace)
    workspace.unlock(PASSPHRASE).close()
    assert workspace.key_path.read_bytes() == good  # a regular file again


def test_a_folder_or_an_oversized_file_is_not_a_key_file(workspace: Workspace) -> None:
    good = workspace.key_path.read_bytes()
    # Still valid JSON with the right content, but far larger than any key file we write.
    workspace.key_path.write_bytes(good + b" " * MAX_KEY_FILE_BYTES)
    assert isinstance(_loads_within(workspace.key_path, 5), DamagedWorkspace)
    workspace.unlock(PASSPHRASE).close()
    assert workspace.key_path.read_bytes() == good

    workspace.key_path.unlink()
    workspace.key_path.mkdir()
    assert isinstance(_loads_within(workspace.key_path, 5), DamagedWorkspace)
    fresh = Workspace(workspace.folder)
    fresh.unlock(PASSPHRASE).close()  # the copy opens it, though keys.json cannot be rewritten
    assert fresh.key_repair is KeyRepair.NOT_RESTORED
    assert workspace.key_path.is_dir()


def test_a_damaged_copy_is_damage_too(workspace: Workspace) -> None:
    workspace.key_path.unlink()
    data = json.loads(workspace.key_copy_path.read_text())
    data["passphrase"]["nonce"] = ""
    workspace.key_copy_path.write_text(json.dumps(data))
    with pytest.raises(DamagedWorkspace, match=r"missing and its copy .* is damaged"):
        workspace.unlock(PASSPHRASE)
    workspace.key_path.write_text("{")
    with pytest.raises(DamagedWorkspace, match="both damaged"):
        workspace.unlock(PASSPHRASE)


def test_a_passphrase_that_is_not_utf8_has_its_own_sentence(
    workspace: Workspace, tmp_path: Path
) -> None:
    undecodable = os.fsdecode(b"quiet harbour \xff\xfe lantern")  # as the environment gives it
    for attempt in (
        lambda: workspace.unlock(undecodable),
        lambda: workspace.change_passphrase(PASSPHRASE, undecodable, kdf=TEST_KDF),
        lambda: Workspace(tmp_path / "new").create(undecodable, kdf=TEST_KDF),
    ):
        with pytest.raises(InvalidInput, match=r"not valid text \(UTF-8\)"):
            attempt()
    assert not (tmp_path / "new").exists()
    workspace.unlock(PASSPHRASE).close()  # nothing was changed
