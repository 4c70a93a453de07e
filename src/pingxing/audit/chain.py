"""Pure hash-chain arithmetic: the canonical form of an entry, its HMAC, and checkpoints.

A checkpoint is the head (seq, hash) signed with the audit key and kept outside the
database; the chain must still reach it, with the same hash at that seq.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64
CHAINED_FIELDS = (
    "seq", "created_at", "user_id", "username", "organization_id", "org_path", "action",
    "object_type", "object_id", "object_repr", "changes", "ip_address",
)


def canonical(entry: Mapping[str, Any]) -> bytes:
    """A stable byte form of the chained fields (sorted keys, no spaces)."""
    body = {name: entry.get(name) for name in CHAINED_FIELDS}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def entry_hash(key: bytes, prev_hash: str, entry: Mapping[str, Any]) -> str:
    return hmac.new(key, prev_hash.encode() + b"\n" + canonical(entry), hashlib.sha256).hexdigest()


def head_mac(key: bytes, last_seq: int, last_hash: str) -> str:
    """The MAC kept beside the head row, so the head cannot be rewound without the key."""
    return hmac.new(key, f"head\n{last_seq}\n{last_hash}".encode(), hashlib.sha256).hexdigest()


def checkpoint_mac(key: bytes, seq: int, last_hash: str, created_at: str) -> str:
    """The MAC of a checkpoint; its own message prefix, so a head MAC never passes for one."""
    return hmac.new(key, f"checkpoint\n{seq}\n{last_hash}\n{created_at}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    seq: int | None
    kind: str  # edited | deleted | inserted | truncated | forged (a checkpoint file)
    detail: str
    checkpoint: str = ""  # the checkpoint file that shows the break, if one does


@dataclass(frozen=True)
class Checkpoint:
    name: str  # the file name
    seq: int
    hash: str
    created_at: str  # ISO 8601, UTC
    mac: str

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash, "created_at": self.created_at, "mac": self.mac}


def checkpoint_body(key: bytes, seq: int, last_hash: str, created_at: str) -> dict[str, Any]:
    return {"seq": seq, "hash": last_hash, "created_at": created_at,
            "mac": checkpoint_mac(key, seq, last_hash, created_at)}


def parse_checkpoint(key: bytes, name: str, raw: bytes) -> Checkpoint | None:
    """The checkpoint in a file's bytes, or None when it is not one the key signed."""
    try:
        body = json.loads(raw.decode())
        seq, last_hash, created_at, mac = body["seq"], body["hash"], body["created_at"], body["mac"]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not (isinstance(seq, int) and seq >= 0 and all(isinstance(v, str) for v in (last_hash, created_at, mac))):
        return None
    if not hmac.compare_digest(checkpoint_mac(key, seq, last_hash, created_at), mac):
        return None
    return Checkpoint(name=name, seq=seq, hash=last_hash, created_at=created_at, mac=mac)


def check_checkpoint(checkpoint: Checkpoint, head_seq: int, hash_at_seq: str | None) -> ChainBreak | None:
    """Whether a verified chain ending at `head_seq` still holds `checkpoint`.

    `hash_at_seq` is the hash of the chain's entry at the checkpoint's seq (None if none).
    """
    if checkpoint.seq > head_seq:
        return ChainBreak(
            head_seq + 1, "truncated",
            f"the chain ends at #{head_seq} but checkpoint {checkpoint.name} records #{checkpoint.seq}",
            checkpoint.name,
        )
    expected = GENESIS_HASH if checkpoint.seq == 0 else hash_at_seq
    if expected is None or not hmac.compare_digest(expected, checkpoint.hash):
        return ChainBreak(
            checkpoint.seq, "edited",
            f"entry #{checkpoint.seq} is not the one checkpoint {checkpoint.name} records",
            checkpoint.name,
        )
    return None


def _hash_ok(key: bytes, entry: Mapping[str, Any]) -> bool:
    expected = entry_hash(key, str(entry["prev_hash"]), entry)
    return hmac.compare_digest(expected, str(entry["entry_hash"]))


def verify_chain(
    key: bytes,
    entries: Iterable[Mapping[str, Any]],
    head_seq: int,
    head_hash: str,
    head_mac_value: str | None = None,
) -> ChainBreak | None:
    """Walk entries in seq order; return the first break, or None when intact.

    - edited: an entry's content no longer gives its stored hash;
    - deleted: a seq is missing, or an entry's prev_hash is not its predecessor's hash;
    - inserted: an entry the chain never issued (a seq beyond the head, or a forged
      entry that the following genuine entry skips over);
    - truncated: the head row itself was removed or rewound.
    """
    expected_seq = 1
    prev = GENESIS_HASH
    iterator = iter(entries)
    entry = next(iterator, None)
    while entry is not None:
        following = next(iterator, None)
        seq = int(entry["seq"])
        if seq < expected_seq or seq > head_seq:
            return ChainBreak(seq, "inserted", "a sequence number the chain never issued")
        if not _hash_ok(key, entry):
            # A forged entry slipped in before a genuine one: the genuine one still
            # points past it to the same predecessor.
            if following is not None and following["prev_hash"] == entry["prev_hash"]:
                return ChainBreak(seq, "inserted", "an entry whose hash the chain never issued")
            if seq == expected_seq and entry["prev_hash"] == prev:
                return ChainBreak(seq, "edited", "the entry's content no longer matches its hash")
            return ChainBreak(seq, "inserted", "an entry whose hash the chain never issued")
        if seq > expected_seq or entry["prev_hash"] != prev:
            return ChainBreak(expected_seq, "deleted", f"entries {expected_seq}..{seq - 1} are missing")
        prev = str(entry["entry_hash"])
        expected_seq = seq + 1
        entry = following
    if expected_seq - 1 < head_seq:
        return ChainBreak(expected_seq, "deleted", f"entries {expected_seq}..{head_seq} are missing at the end")
    if prev != head_hash:
        return ChainBreak(head_seq, "edited", "the newest entry differs from the recorded head")
    if head_mac_value is not None and not hmac.compare_digest(
        head_mac(key, head_seq, head_hash), head_mac_value
    ):
        return ChainBreak(head_seq + 1, "truncated", "the head row was rewound without the key")
    return None
