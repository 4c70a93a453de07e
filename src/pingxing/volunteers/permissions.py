"""党员志愿者 (volunteers): who may do what (pure)."""

from __future__ import annotations
