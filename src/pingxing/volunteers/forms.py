"""党员志愿者 (volunteers): forms."""

from __future__ import annotations
