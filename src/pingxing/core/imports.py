"""The one upload page of every all-or-nothing Excel import.

An app passes its own form, parser, saver and template: `parse(file, user=…)` returns an
object with `rows` and `errors` (every bad row named), nothing is saved unless every row
is good, and `save(rows=…, by=…, request=…)` writes them all in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pingxing.core.forms import ImportForm


def import_page(
    request: HttpRequest, *, parse: Callable[..., Any], save: Callable[..., Any],
    done_message: str, done_url: str, template_url: str, title: str,
    form_class: type[ImportForm] = ImportForm, template: str = "core/import.html",
    extra_context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Check the whole file first; show every bad row, or save every row and say how many.

    `save` returns the saved rows, or an HttpResponse to answer with instead of the
    redirect (e.g. a sheet of initial passwords that is shown once)."""
    form = form_class(request.POST or None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        parsed = parse(form.cleaned_data["file"], user=request.user)
        if parsed.errors:
            errors = parsed.errors
        elif not parsed.rows:
            form.add_error("file", _("文件中没有数据行"))
        else:
            saved = save(rows=parsed.rows, by=request.user, request=request)
            if isinstance(saved, HttpResponse):
                return saved
            messages.success(request, done_message % {"n": len(saved)})
            return redirect(done_url)
    context = {"form": form, "errors": errors, "template_url": template_url, "title": title,
               **(extra_context or {})}
    return render(request, template, context)
