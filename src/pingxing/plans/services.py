"""领导小组与工作计划 (plans): the writes."""

from __future__ import annotations
