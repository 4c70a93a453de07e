"""宣传与先进典型 (publicity): the writes."""

from __future__ import annotations
