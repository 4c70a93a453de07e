"""Pure hash-chain arithmetic: the canonical form of an entry and its HMAC."""

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


@dataclass(frozen=True)
class ChainBreak:
    seq: int | None
    kind: str  # edited | deleted | inserted | truncated
    detail: str


def verify_chain(
    key: bytes, entries: Iterable[Mapping[str, Any]], head_seq: int, head_hash: str
) -> ChainBreak | None:
    """Walk entries in seq order; return the first break, or None when intact.

    - edited: an entry's content no longer gives its stored hash;
    - deleted: a seq is missing, or an entry's prev_hash is not its predecessor's hash;
    - inserted: a seq appears that the chain never issued (hash does not match with the key);
    - truncated: the tail is shorter than the head row says.
    """
    expected_seq = 1
    prev = GENESIS_HASH
    for entry in entries:
        seq = int(entry["seq"])
        if seq < expected_seq or seq > head_seq:
            return ChainBreak(seq, "inserted", "a sequence number the chain never issued")
        if entry_hash(key, str(entry["prev_hash"]), entry) != str(entry["entry_hash"]):
            if seq == expected_seq and entry["prev_hash"] == prev:
                return ChainBreak(seq, "edited", "the entry's content no longer matches its hash")
            return ChainBreak(seq, "inserted", "an entry whose hash the chain never issued")
        if seq > expected_seq or entry["prev_hash"] != prev:
            return ChainBreak(expected_seq, "deleted", f"entries {expected_seq}..{seq - 1} are missing")
        prev = str(entry["entry_hash"])
        expected_seq = seq + 1
    if expected_seq - 1 < head_seq:
        return ChainBreak(expected_seq, "deleted", f"entries {expected_seq}..{head_seq} are missing at the end")
    if prev != head_hash:
        return ChainBreak(head_seq, "edited", "the newest entry differs from the recorded head")
    return None
