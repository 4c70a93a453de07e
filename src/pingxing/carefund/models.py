"""党内关爱基金 (carefund): models."""

from __future__ import annotations
