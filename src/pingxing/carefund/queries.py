"""党内关爱基金 (carefund): the reads."""

from __future__ import annotations
