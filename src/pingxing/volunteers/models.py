"""党员志愿者 (volunteers): models."""

from __future__ import annotations
