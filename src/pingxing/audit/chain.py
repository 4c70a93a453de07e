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


def head_mac(key: bytes, last_seq: int, last_hash: str) -> str:
    """The MAC kept beside the head row, so the head cannot be rewound without the key."""
    return hmac.new(key, f"head\n{last_seq}\n{last_hash}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    seq: int | None
    kind: str  # edited | deleted | inserted | truncated
    detail: str


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
