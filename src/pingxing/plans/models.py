"""领导小组与工作计划 (plans): models."""

from __future__ import annotations
