"""宣传与先进典型 (publicity): the reads."""

from __future__ import annotations
