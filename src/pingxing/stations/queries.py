"""党员服务中心(站) (stations): the reads."""

from __future__ import annotations
