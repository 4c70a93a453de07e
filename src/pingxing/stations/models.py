"""党员服务中心(站) (stations): models."""

from __future__ import annotations
