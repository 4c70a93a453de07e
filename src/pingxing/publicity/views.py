"""宣传与先进典型 (publicity): pages."""

from __future__ import annotations
