"""领导小组与工作计划 (plans): who may do what (pure)."""

from __future__ import annotations
