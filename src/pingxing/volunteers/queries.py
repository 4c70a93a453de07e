"""党员志愿者 (volunteers): the reads."""

from __future__ import annotations
