"""党内关爱基金 (carefund): scoped access helpers."""

from __future__ import annotations
