"""{% panels "orgs.detail" org=org %}: the sections other apps add to a page."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from pingxing.core import nav

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: Any, page: str, **page_context: Any) -> SafeString:
    request = context.get("request")
    parts = [
        render_to_string(name, {**panel_context, **page_context}, request=request)
        for name, panel_context in nav.panels_for(page, request, **page_context)
    ]
    return mark_safe("".join(parts))  # our own templates' output, escaped by them
