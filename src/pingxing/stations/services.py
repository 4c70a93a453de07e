"""党员服务中心(站) (stations): the writes."""

from __future__ import annotations
