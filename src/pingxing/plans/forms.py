"""领导小组与工作计划 (plans): forms."""

from __future__ import annotations
