"""党员服务中心(站) (stations): pages."""

from __future__ import annotations
