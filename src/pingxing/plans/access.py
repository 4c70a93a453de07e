"""领导小组与工作计划 (plans): scoped access helpers."""

from __future__ import annotations
