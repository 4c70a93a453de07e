"""Writes of 结果运用: the pay policy table and communities' cadre base pay, each audited."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record, model_changes, snapshot
from pingxing.core.http import ActingUser
from pingxing.ratings.payroll import ResultsInputError, validate_policy
from pingxing.rubric import Standard


def star_policy_update(*, entries: Mapping[int, Mapping[str, Any]], std: Standard, by: ActingUser) -> list[Any]:
    """Replace the policy table after validating all of it; each changed star is audited."""
    from pingxing.ratings.models import StarPolicy

    policies = validate_policy(entries, std)
    with transaction.atomic():
        current = {p.star: p for p in StarPolicy.objects.select_for_update()}
        saved = []
        for policy in policies:
            row = current.get(policy.star) or StarPolicy(star=policy.star)
            before = snapshot(row) if row.pk else None
            row.pay_coefficient = policy.pay_coefficient
            row.fund_weight = policy.fund_weight
            row.award_eligible = policy.award_eligible
            changes = model_changes(before, snapshot(row))
            changes.pop("id", None)
            if changes:
                row.save()
                audit_record(action=AuditAction.UPDATE if before else AuditAction.CREATE, user=by, obj=row,
                             object_repr=f"结果运用 {std.star_title(policy.star)}", changes=changes)
            saved.append(row)
    return saved


def base_pays_set(*, year: int, values: Mapping[Any, Decimal | None], by: ActingUser, action: str = AuditAction.UPDATE) -> int:
    """Set (or clear, with None) communities' base pay for a year; returns how many changed.

    `values` maps Organization → amount; the caller has checked the user's scope. A base pay
    frozen by the publication of that year's result is not changed (ResultsInputError names
    the communities); one published without a base pay takes the first amount entered.
    """
    from pingxing.ratings.models import CadreBasePay, StarResult

    changed = 0
    with transaction.atomic():
        frozen = dict(
            StarResult.objects.select_for_update().filter(year=year, organization__in=list(values))
            .values_list("organization_id", "base_pay")
        )
        refused = [
            _("%(org)s：%(year)s年度评定结果已发文公布，基本报酬（%(pay)s元）已随结果锁定，不能修改")
            % {"org": org.name, "year": year, "pay": frozen[org.pk]}
            for org, amount in values.items()
            if frozen.get(org.pk) is not None and frozen[org.pk] != amount
        ]
        if refused:
            raise ResultsInputError(refused)
        existing = {
            b.organization_id: b
            for b in CadreBasePay.objects.select_for_update().filter(year=year, organization__in=list(values))
        }
        for org, amount in values.items():
            row = existing.get(org.pk)
            old = row.base_pay if row is not None else None
            if old == amount:
                continue
            if amount is None:
                assert row is not None
                row.delete()
            elif row is None:
                CadreBasePay.objects.create(organization=org, year=year, base_pay=amount)
            else:
                row.base_pay = amount
                row.save(update_fields=["base_pay"])
            if org.pk in frozen and amount is not None:  # published without a base pay: frozen now
                StarResult.objects.filter(year=year, organization=org, base_pay__isnull=True).update(base_pay=amount)
            audit_record(action=action, user=by, object_type="ratings.cadrebasepay",
                         object_id=f"{org.pk}:{year}", object_repr=f"{year} {org.name} 干部基本报酬",
                         organization=org, changes={"base_pay": [None if old is None else str(old),
                                                                 None if amount is None else str(amount)]})
            changed += 1
    return changed
