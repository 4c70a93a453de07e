"""结对共建 (cobuilding, seed 四.4): a contract an organization signs with paired units (units
of the tree or outside units), its items in six joint areas, deliveries with evidence, and each
side's yearly review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    """The six joint areas (六联), the one list."""

    PARTY_WORK = "party_work", _("党建工作联议")
    COMMUNITY_SERVICE = "community_service", _("社区服务联手")
    PUBLIC_WELFARE = "public_welfare", _("公益事业联办")
    CULTURE = "culture", _("群众文化联兴")
    PUBLIC_SECURITY = "public_security", _("治安工作联防")
    SANITATION = "sanitation", _("环境卫生联搞")


class ContractState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ACTIVE = "active", _("生效")
    ENDED = "ended", _("已结束")


class Verdict(models.TextChoices):
    KEPT = "kept", _("履约")
    PARTLY = "partly", _("部分履约")
    NOT_KEPT = "not_kept", _("未履约")


STATUS_LABELS = {"kept": _("履约"), "partly": _("部分履约"), "not_kept": _("未履约"),
                 "pending": _("待双方确认"), "unreviewed": _("未评议"),
                 "delivered": _("已落实"), "overdue": _("逾期未落实"), "open": _("进行中")}


class Contract(models.Model):
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("签约组织"), on_delete=models.PROTECT,
                                     related_name="cobuilding_contracts")
    title = models.CharField(_("协议名称"), max_length=100)
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("结束日期"))
    signed_on = models.DateField(_("签订日期"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=ContractState.choices, default=ContractState.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("共建协议")
        verbose_name_plural = _("共建协议")
        ordering = ["organization_id", "-period_start", "pk"]

    def __str__(self) -> str:
        return self.title


class Partner(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("共建组织"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    outside_unit = models.ForeignKey("orgs.OutsideUnit", verbose_name=_("驻区单位"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("共建单位")
        verbose_name_plural = _("共建单位")
        ordering = ["contract_id", "pk"]
        constraints = [models.CheckConstraint(
            condition=(Q(organization__isnull=False, outside_unit__isnull=True)
                       | Q(organization__isnull=True, outside_unit__isnull=False)),
            name="cobuilding_partner_exactly_one")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        unit = self.organization or self.outside_unit
        return unit.name if unit else ""

    @property
    def side(self) -> str:
        return f"p{self.pk}"


class ContractItem(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="items")
    area = models.CharField(_("共建领域"), max_length=20, choices=Area.choices)
    content = models.CharField(_("共建事项"), max_length=200)
    responsible = models.ForeignKey(Partner, verbose_name=_("责任方"), on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="items")  # None: the signing organization
    due_on = models.DateField(_("完成期限"), null=True, blank=True)
    expected = models.CharField(_("预期效果"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("共建事项")
        verbose_name_plural = _("共建事项")
        ordering = ["contract_id", "area", "pk"]

    def __str__(self) -> str:
        return self.content


class Delivery(models.Model):
    item = models.ForeignKey(ContractItem, on_delete=models.CASCADE, related_name="deliveries")
    by_partner = models.ForeignKey(Partner, verbose_name=_("落实方"), on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+")  # None: the signing organization
    done_on = models.DateField(_("落实日期"))
    text = models.CharField(_("落实情况"), max_length=500)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("落实记录")
        verbose_name_plural = _("落实记录")
        ordering = ["item_id", "done_on", "pk"]

    def __str__(self) -> str:
        return self.text[:30]


class Evidence(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("证明材料"), upload_to="cobuilding/%Y/")
    original_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("证明材料")
        verbose_name_plural = _("证明材料")
        ordering = ["delivery_id", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Review(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveIntegerField(_("年度"))
    side = models.CharField(max_length=20)  # "org" or Partner.side
    verdict = models.CharField(_("评议结果"), max_length=10, choices=Verdict.choices)
    comment = models.CharField(_("评议意见"), max_length=500, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    signed_for = models.CharField(_("签字人"), max_length=50, blank=True)  # an outside unit's contact
    signed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("履约评议")
        verbose_name_plural = _("履约评议")
        ordering = ["contract_id", "year", "side"]
        constraints = [models.UniqueConstraint(fields=["contract", "year", "side"], name="cobuilding_one_review")]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.year} {self.side}"
