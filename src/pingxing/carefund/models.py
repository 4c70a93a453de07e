"""党内关爱基金 (carefund, seed 四.5): the fund's double-entry ledger in integer fen, the register
of members in hardship (困难党员) and the applications for help (帮扶 / 创业扶助).

The ledger is our own (django-hordak supports Django ≤ 5.0 and enforces its rules with
PostgreSQL/MySQL triggers, so it fits neither Django 5.2 nor SQLite): a posting has two or more
entries whose debits equal their credits; an account's balance is kept on the account row,
changed only by ``carefund.ledger`` under a row lock, and a check constraint keeps it ≥ 0.
Postings are never edited or deleted: a correction is a reversal posting (at most one per posting).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Fund(models.Model):
    """One care fund, kept by an office (the street's 党内关爱基金)."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("管理组织"), on_delete=models.PROTECT,
                                     related_name="care_funds")
    name = models.CharField(_("基金名称"), max_length=100)
    # the county's rule: days an approved grant is publicly noticed (公示) before it is paid; 0 = none
    notice_days = models.PositiveSmallIntegerField(_("公示天数"), default=5)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("关爱基金")
        verbose_name_plural = _("关爱基金")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class AccountKind(models.TextChoices):
    ASSET = "asset", _("资产")
    INCOME = "income", _("收入")
    EXPENSE = "expense", _("支出")


# the side on which an account's balance grows
DEBIT_NORMAL = frozenset({AccountKind.ASSET, AccountKind.EXPENSE})


class Account(models.Model):
    """An account of a fund: its bank balance (asset), donations received (income), payouts by
    purpose (expense). ``balance`` is in fen on the account's normal side."""

    fund = models.ForeignKey(Fund, verbose_name=_("基金"), on_delete=models.PROTECT, related_name="accounts")
    code = models.CharField(_("科目代码"), max_length=30)
    name = models.CharField(_("科目名称"), max_length=60)
    kind = models.CharField(_("科目类别"), max_length=10, choices=AccountKind.choices)
    balance = models.BigIntegerField(_("余额（分）"), default=0)

    class Meta:
        verbose_name = _("会计科目")
        verbose_name_plural = _("会计科目")
        ordering = ["fund_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "code"], name="carefund_account_code_unique"),
            models.CheckConstraint(condition=Q(balance__gte=0), name="carefund_balance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PostingKind(models.TextChoices):
    DONATION = "donation", _("捐赠收入")
    DISBURSEMENT = "disbursement", _("帮扶支出")
    REVERSAL = "reversal", _("冲正")


class Posting(models.Model):
    """One journal posting (记账凭证). Written once, never changed."""

    fund = models.ForeignKey(Fund, verbose_name=_("基金"), on_delete=models.PROTECT, related_name="postings")
    kind = models.CharField(_("业务类型"), max_length=15, choices=PostingKind.choices)
    # the caller's key: the same key posts once, however often it is retried
    idempotency_key = models.CharField(max_length=80, unique=True)
    booked_on = models.DateField(_("记账日期"))
    memo = models.CharField(_("摘要"), max_length=200)
    counterparty = models.CharField(_("往来单位或个人"), max_length=100, blank=True)
    reverses = models.OneToOneField("self", verbose_name=_("冲正的凭证"), on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="reversed_by")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("记账凭证")
        verbose_name_plural = _("记账凭证")
        ordering = ["booked_on", "pk"]
        indexes = [models.Index(fields=["fund", "booked_on"], name="carefund_posting_fund_date")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.memo}"


class Entry(models.Model):
    """One line of a posting: a debit or a credit of one account, in fen."""

    posting = models.ForeignKey(Posting, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, verbose_name=_("科目"), on_delete=models.PROTECT, related_name="entries")
    debit = models.BigIntegerField(_("借方（分）"), default=0)
    credit = models.BigIntegerField(_("贷方（分）"), default=0)

    class Meta:
        verbose_name = _("分录")
        verbose_name_plural = _("分录")
        ordering = ["posting_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0, credit=0) | Q(debit=0, credit__gt=0)),
                name="carefund_entry_one_side_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.debit}/{self.credit}"


class HardshipKind(models.TextChoices):
    ILLNESS = "illness", _("因病致困")
    DISASTER = "disaster", _("因灾致困")
    ELDERLY = "elderly", _("高龄独居")
    LOW_INCOME = "low_income", _("低保低收入")
    DISABILITY = "disability", _("残疾")
    OTHER = "other", _("其他")


class HardshipRecord(models.Model):
    """A member in hardship (困难党员) on the organization's register."""

    member = models.ForeignKey("members.Member", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="hardship_records")
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("所在组织"), on_delete=models.PROTECT,
                                     related_name="hardship_records")
    kind = models.CharField(_("困难类型"), max_length=15, choices=HardshipKind.choices)
    situation = models.TextField(_("困难情况"))
    support_received = models.TextField(_("已获帮扶"), blank=True)
    registered_on = models.DateField(_("登记日期"))
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("困难党员")
        verbose_name_plural = _("困难党员")
        ordering = ["organization_id", "-registered_on", "pk"]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind}"


class Purpose(models.TextChoices):
    HARDSHIP = "hardship", _("困难帮扶")
    STARTUP = "startup", _("创业扶助")


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", _("待初审")
    REVIEWED = "reviewed", _("待审批")
    NOTICE = "notice", _("公示中")
    PAID = "paid", _("已发放")
    REJECTED = "rejected", _("未通过")


class Application(models.Model):
    """An application for help from the fund: proposed by the member's organization, checked by
    a second person (初审), approved by the fund's office (审批), publicly noticed, then paid."""

    fund = models.ForeignKey(Fund, verbose_name=_("基金"), on_delete=models.PROTECT, related_name="applications")
    purpose = models.CharField(_("用途"), max_length=10, choices=Purpose.choices)
    member = models.ForeignKey("members.Member", verbose_name=_("申请党员"), on_delete=models.PROTECT,
                               related_name="care_applications")
    hardship = models.ForeignKey(HardshipRecord, verbose_name=_("困难登记"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="applications")
    amount = models.BigIntegerField(_("申请金额（分）"))
    reason = models.TextField(_("申请理由"))
    state = models.CharField(_("状态"), max_length=10, choices=ApplicationState.choices,
                             default=ApplicationState.SUBMITTED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    notice_until = models.DateField(_("公示截止"), null=True, blank=True)
    decision_note = models.CharField(_("审核意见"), max_length=300, blank=True)
    payout = models.OneToOneField(Posting, verbose_name=_("发放凭证"), on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="application")

    class Meta:
        verbose_name = _("帮扶申请")
        verbose_name_plural = _("帮扶申请")
        ordering = ["-proposed_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="carefund_application_amount_positive")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.purpose}"

    @property
    def amount_yuan(self) -> str:
        """The amount in yuan, for pages ("1,200.00")."""
        from pingxing.carefund.rules import yuan

        return yuan(self.amount)
