"""党员服务中心(站) (stations): forms."""

from __future__ import annotations
