"""党员志愿者 (volunteers): scoped access helpers."""

from __future__ import annotations
