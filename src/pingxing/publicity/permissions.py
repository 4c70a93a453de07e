"""宣传与先进典型 (publicity): who may do what (pure)."""

from __future__ import annotations
