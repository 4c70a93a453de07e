"""领导小组与工作计划 (plans): the reads."""

from __future__ import annotations
