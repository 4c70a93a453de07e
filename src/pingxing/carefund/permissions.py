"""党内关爱基金 (carefund): who may do what (pure)."""

from __future__ import annotations
