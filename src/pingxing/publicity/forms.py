"""宣传与先进典型 (publicity): forms."""

from __future__ import annotations
