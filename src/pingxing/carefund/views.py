"""党内关爱基金 (carefund): pages."""

from __future__ import annotations
