from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pingxing.audit.models import AuditEntry
from pingxing.core import scope


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not scope.can_read_audit(request.user.role):
        raise Http404
    entries = AuditEntry.objects.all()[:200]
    return render(request, "audit/list.html", {"entries": entries})
