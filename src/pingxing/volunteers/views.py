"""党员志愿者 (volunteers): pages."""

from __future__ import annotations
