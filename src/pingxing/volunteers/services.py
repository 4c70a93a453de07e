"""党员志愿者 (volunteers): the writes."""

from __future__ import annotations
