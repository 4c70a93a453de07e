"""宣传与先进典型 (publicity): models."""

from __future__ import annotations
