"""The menu a user sees: the entries the apps registered that the user's role may open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from pingxing.core import nav


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": nav.menu_for(user)}
