"""党员服务中心(站) (stations): who may do what (pure)."""

from __future__ import annotations
