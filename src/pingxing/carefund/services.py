"""党内关爱基金 (carefund): the writes."""

from __future__ import annotations
