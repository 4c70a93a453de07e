"""The one upload page of every all-or-nothing Excel import (organizations, members)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pingxing.orgs.forms import ImportForm


def import_page(
    request: HttpRequest, *, parse: Callable[..., Any], save: Callable[..., list[Any]],
    done_message: str, done_url: str, template_url: str, title: str,
) -> HttpResponse:
    """Check the whole file first; show every bad row, or save every row and say how many."""
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        parsed = parse(form.cleaned_data["file"], user=request.user)
        if parsed.errors:
            errors = parsed.errors
        elif not parsed.rows:
            form.add_error("file", _("文件中没有数据行"))
        else:
            created = save(rows=parsed.rows, by=request.user, request=request)
            messages.success(request, done_message % {"n": len(created)})
            return redirect(done_url)
    return render(request, "members/import.html", {
        "form": form, "errors": errors, "template_url": template_url, "title": title,
    })
