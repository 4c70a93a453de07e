"""Facts of many communities at once: the write of a checked facts workbook."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from pingxing import rubric
from pingxing.core.excel import RowError
from pingxing.ratings import workflow
from pingxing.ratings.importing import FactsImport, ImportRefused, check_facts_file
from pingxing.ratings.models import Campaign, RatingCase
from pingxing.ratings.services.campaign import declaration_save_draft


def facts_import(*, data: Any, campaign: Campaign, user: Any) -> FactsImport:
    """Check the workbook and, when every row is good, save each row as its case's draft
    facts in one transaction. A case that changed state meanwhile aborts the whole import."""
    result = check_facts_file(data=data, campaign=campaign, user=user)
    if result.errors:
        return result
    titles = {s.name: s.title for s in rubric.contract_fields()}
    try:
        with transaction.atomic():
            locked = dict(
                RatingCase.objects.select_for_update()
                .filter(pk__in=[r.case.pk for r in result.rows]).values_list("pk", "state")
            )
            moved = [r for r in result.rows if locked.get(r.case.pk) not in workflow.EDITABLE_STATES]
            if moved:
                raise ImportRefused([
                    RowError(r.row, titles["org_code"], f"{r.case.organization.name}的申报刚刚被提交，请重新导入")
                    for r in moved
                ])
            for row in result.rows:
                declaration_save_draft(case=row.case, facts=row.facts, by=user)
    except ImportRefused as refused:
        return FactsImport(errors=refused.errors)
    except workflow.WorkflowError as error:
        return FactsImport(errors=[RowError(1, "", str(error))])
    return result
