"""The yearly 评星晋级 campaign: cases, their fact versions, steps, notices and results.

Nothing here is ever overwritten: a case moves by `Transition` rows, facts by new
`FactSheet` versions, corrections keep both values. The star of every sheet comes
from the rubric engine (`ratings.engine`), never from a person.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from pingxing.ratings.stats import change_of
from pingxing.ratings.workflow import EDITABLE_STATES, STATE_CHOICES, CaseState


class Campaign(models.Model):
    """年度评星: one per year, opened by the county office against one standard version."""

    year = models.PositiveSmallIntegerField(_("考评年度"), unique=True)
    standard_id = models.CharField(_("考评标准"), max_length=100)
    standard_version = models.CharField(_("标准版本"), max_length=20)
    declaration_deadline = models.DateField(_("自评申报截止"))
    assessment_deadline = models.DateField(_("街道考核截止"))
    county_deadline = models.DateField(_("县审定/验收截止"))
    notice_working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)
    opened_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("年度评星")
        verbose_name_plural = _("年度评星")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年度评星晋级"


class RatingCase(models.Model):
    """One community Party organization in one campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="cases")
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="rating_cases")
    state = models.CharField(_("状态"), max_length=24, choices=STATE_CHOICES, default=CaseState.DRAFT.value)
    draft_facts = models.JSONField(_("自评草稿"), default=dict, blank=True)
    declared_star = models.PositiveSmallIntegerField(_("申报星级"), null=True, blank=True)
    assessed_star = models.PositiveSmallIntegerField(_("考核星级"), null=True, blank=True)
    final_star = models.PositiveSmallIntegerField(_("评定星级"), null=True, blank=True)
    notice_starts_on = models.DateField(_("公示开始"), null=True, blank=True)
    notice_ends_on = models.DateField(_("公示结束"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("评星案卷")
        verbose_name_plural = _("评星案卷")
        ordering = ["campaign", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization"], name="one_case_per_org_per_campaign")
        ]

    def __str__(self) -> str:
        return f"{self.campaign.year} {self.organization.name}"

    @property
    def is_editable(self) -> bool:
        """Whether the community may still change its facts (declaration, import, evidence)."""
        return self.state in EDITABLE_STATES


class SheetStage(models.TextChoices):
    DECLARATION = "declaration", _("自评申报")
    ASSESSMENT = "assessment", _("街道考核评定")
    ACCEPTANCE = "acceptance", _("县验收")


class FactSheet(models.Model):
    """A frozen version of a case's facts at one stage, with the engine's verdict."""

    case = models.ForeignKey(RatingCase, on_delete=models.PROTECT, related_name="sheets")
    stage = models.CharField(max_length=16, choices=SheetStage.choices)
    number = models.PositiveIntegerField(_("版本"))
    facts = models.JSONField(_("考评事实"))
    star = models.PositiveSmallIntegerField(_("按现有事实计算的星级"))
    vetoed = models.BooleanField(default=False)
    explanation = models.JSONField(_("评定说明"), default=dict)
    blocking_conditions = models.JSONField(default=list)  # condition ids failing at the next level
    standard_id = models.CharField(max_length=100)
    standard_version = models.CharField(max_length=20)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    inspection_date = models.DateField(_("检查日期"), null=True, blank=True)
    inspectors = models.CharField(_("检查/验收组成员"), max_length=200, blank=True)
    findings = models.TextField(_("检查情况"), blank=True)

    class Meta:
        ordering = ["case", "number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="sheet_number_unique")]

    def __str__(self) -> str:
        return f"{self.case} v{self.number} {self.stage}"


class FactCorrection(models.Model):
    """A fact changed by the street or the county: both values and the reason are kept."""

    sheet = models.ForeignKey(FactSheet, on_delete=models.PROTECT, related_name="corrections")
    field = models.CharField(max_length=64)
    declared_value = models.JSONField(null=True)
    corrected_value = models.JSONField(null=True)
    reason = models.TextField()

    def __str__(self) -> str:
        return f"{self.field}: {self.declared_value} → {self.corrected_value}"


class Evidence(models.Model):
    """证明材料: a file attached to one fact of a case."""

    case = models.ForeignKey(RatingCase, on_delete=models.PROTECT, related_name="evidence")
    field = models.CharField(_("对应事实"), max_length=64)
    file = models.FileField(_("文件"), upload_to="evidence/%Y/")
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class Transition(models.Model):
    """A step of a case: who moved it from where to where, when and why."""

    case = models.ForeignKey(RatingCase, on_delete=models.PROTECT, related_name="transitions")
    from_state = models.CharField(max_length=24, choices=STATE_CHOICES, blank=True)
    to_state = models.CharField(max_length=24, choices=STATE_CHOICES)
    action = models.CharField(max_length=32)
    reason = models.TextField(blank=True)
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"


class Objection(models.Model):
    """异议 filed by anyone during the public notice; each needs a recorded response."""

    case = models.ForeignKey(RatingCase, on_delete=models.PROTECT, related_name="objections")
    name = models.CharField(_("姓名（可不填）"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100)
    text = models.TextField(_("异议内容"))
    client_digest = models.CharField(max_length=64, db_index=True)  # keyed hash of the IP, for rate limits
    filed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    response = models.TextField(_("处理意见"), blank=True)
    upheld = models.BooleanField(_("异议成立"), null=True)
    responded_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    responded_at = models.DateTimeField(null=True)
    # The objector's receipt (回执码): with it alone they see whether and how it was answered.
    # Only its keyed digest is stored, so the table does not hand out working receipts.
    receipt_digest = models.CharField(max_length=64, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"异议 #{self.pk}"


class Publication(models.Model):
    """发文公布: the official document that publishes a campaign's results."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="publications")
    doc_number = models.CharField(_("发文字号"), max_length=60, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    issued_on = models.DateField(_("成文日期"))
    published_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)
    batch = models.PositiveSmallIntegerField(_("批次"), default=1)  # 第N批 within the year
    # The issuer as it stood when issued: a later change of the settings never rewrites it.
    issuer_mark = models.CharField(_("发文机关标志"), max_length=60, blank=True)
    issuer_name = models.CharField(_("发文机关署名"), max_length=60, blank=True)
    printer = models.CharField(_("印发机关"), max_length=60, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "batch"], name="one_publication_per_batch")]

    def __str__(self) -> str:
        return self.doc_number


class StarResult(models.Model):
    """The published star of one organization in one year: the history of 动态管理."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="star_results")
    year = models.PositiveSmallIntegerField()
    star = models.PositiveSmallIntegerField()
    previous_star = models.PositiveSmallIntegerField(null=True)
    case = models.OneToOneField(RatingCase, null=True, on_delete=models.PROTECT, related_name="result")
    publication = models.ForeignKey(Publication, null=True, on_delete=models.PROTECT, related_name="results")
    standard_id = models.CharField(max_length=100)
    standard_version = models.CharField(max_length=20)
    blocking_conditions = models.JSONField(default=list)
    downgrade_reasons = models.JSONField(default=list)
    # 结果运用 as it stood when the result was published: later policy edits never change it.
    pay_coefficient = models.DecimalField(_("报酬系数"), max_digits=4, decimal_places=2, null=True)
    fund_weight = models.DecimalField(_("项目资金权重"), max_digits=4, decimal_places=2, null=True)
    award_eligible = models.BooleanField(_("可参加先进评比"), null=True)
    base_pay = models.DecimalField(_("基本报酬（元/年）"), max_digits=10, decimal_places=2, null=True)

    class Meta:
        ordering = ["organization", "year"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="one_result_per_org_year")]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.year}: {self.star}★"

    @property
    def change(self) -> str:
        """晋级 "up", 降级 "down", 保持 "same" or 新评 "new" (stats.change_of)."""
        return change_of(self.star, self.previous_star)


class StarPolicy(models.Model):
    """结果运用: what a star means for pay, project funds and other awards (3★ = 1.0)."""

    star = models.PositiveSmallIntegerField(unique=True)
    pay_coefficient = models.DecimalField(_("报酬系数"), max_digits=4, decimal_places=2)
    fund_weight = models.DecimalField(_("项目资金权重"), max_digits=4, decimal_places=2)
    award_eligible = models.BooleanField(_("可参加先进评比"), default=False)

    class Meta:
        ordering = ["-star"]

    def __str__(self) -> str:
        return f"{self.star}★ × {self.pay_coefficient}"


class CadreBasePay(models.Model):
    """A community's cadre base pay for a year, which the coefficient scales."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    base_pay = models.DecimalField(_("基本报酬（元/年）"), max_digits=10, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="one_base_pay_per_org_year")]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.year}: {self.base_pay}"


class OfficeProfile(models.Model):
    """How the county office issues and where it hears objections (one row per office)."""

    office = models.OneToOneField("orgs.Organization", on_delete=models.PROTECT, related_name="office_profile")
    issuer_mark = models.CharField(_("发文机关标志"), max_length=60, blank=True)  # 中共绍兴县委组织部文件
    issuer_name = models.CharField(_("发文机关署名"), max_length=60, blank=True)  # 中共绍兴县委组织部
    doc_prefix = models.CharField(_("发文字号机关代字"), max_length=20, blank=True)  # 绍县组
    printer = models.CharField(_("印发机关"), max_length=60, blank=True)
    objection_address = models.CharField(_("异议受理地址"), max_length=200, blank=True)
    objection_phone = models.CharField(_("异议受理电话"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("发文与公示设置")
        verbose_name_plural = _("发文与公示设置")

    def __str__(self) -> str:
        return f"{self.office_id} {self.issuer_name}"


class DayOff(models.Model):
    """A county-defined day off, beside China's public holidays, for notice periods and deadlines."""

    date = models.DateField(_("日期"), unique=True)
    name = models.CharField(_("事由"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("县定休息日")
        verbose_name_plural = _("县定休息日")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
