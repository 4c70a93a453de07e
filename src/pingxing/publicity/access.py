"""宣传与先进典型 (publicity): scoped access helpers."""

from __future__ import annotations
