"""党员服务中心(站) (stations): scoped access helpers."""

from __future__ import annotations
