"""领导小组与工作计划 (plans): pages."""

from __future__ import annotations
