"""党内关爱基金 (carefund): forms."""

from __future__ import annotations
