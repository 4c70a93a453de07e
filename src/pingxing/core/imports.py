"""The one upload page of every all-or-nothing Excel import.

An app passes its own form, parser, saver and template: `parse(file, user=…)` returns an
object with `rows` and `errors` (every bad row named), nothing is saved unless every row
is good, and `save(rows=…, by=…, request=…)` writes them all in one transaction.

A refused file is answered with each bad row once, all its problems in one line, and a
workbook of the bad rows (their cells as read and a reason column) linked as a data: URI in
the same response, so nothing uploaded is kept. A parser may give the cells it read as
`raw_rows` ({row number: {header: value}}, optionally with `headers`); otherwise the upload
is read again here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core import excel
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
    context: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        parsed = parse(upload, user=request.user)
        if parsed.errors:
            errors = parsed.errors
            context = refused_context(upload, parsed, title=title)
        elif not parsed.rows:
            form.add_error("file", _("文件中没有数据行"))
        else:
            saved = save(rows=parsed.rows, by=request.user, request=request)
            if isinstance(saved, HttpResponse):
                return saved
            messages.success(request, done_message % {"n": len(saved)})
            return redirect(done_url)
    context = {"form": form, "errors": errors, "template_url": template_url, "title": title,
               **context, **(extra_context or {})}
    response = render(request, template, context)
    if errors:
        response["Cache-Control"] = "no-store"  # the link holds the uploaded rows
    return response


def refused_context(upload: Any, parsed: Any, *, title: str) -> dict[str, Any]:
    """`problems` (one RowProblems per bad row) and, when data rows are bad, `bad_rows_url`
    and `bad_rows_name` for the fragment templates/_import_errors.html."""
    raw_rows = getattr(parsed, "raw_rows", None)
    headers = list(getattr(parsed, "headers", ()) or ())
    if raw_rows is None and any(e.row > 1 for e in parsed.errors):  # else there is no bad row to list
        try:
            headers, raw_rows = excel.read_sheet(upload)
        except Exception:  # unreadable: the parser has said so; list row, column and reason only
            raw_rows = None
    context: dict[str, Any] = {"problems": excel.problems_by_row(parsed.errors)}
    wb = excel.bad_rows_workbook(parsed.errors, headers=headers, raw_rows=raw_rows)
    if wb is not None:
        context["bad_rows_url"] = excel.data_uri(wb)
        context["bad_rows_name"] = f"{title}-{excel.BAD_ROWS_SHEET}-{timezone.localdate():%Y%m%d}.xlsx"
    return context
