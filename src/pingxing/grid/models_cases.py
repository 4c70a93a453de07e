"""Service cases (办事档案): a closed loop after GB/T 30428.8 and the 12345 hotlines. The step
table is pure data in workflow.py; a case row holds where the case stands, `CaseStep` rows hold
every step with who, when and why (the timeline). A resident who opens a case follows it with a
code; only a keyed hash of the code is kept, and the resident's name and contact are encrypted
and never shown on a public page."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from pingxing.members.models import mask_phone

__all__ = ["ApiKey", "CASE_STATE_CHOICES", "CaseCounter", "CaseFile", "CaseSource", "CaseStep", "Department", "Satisfaction",
           "ServiceCase"]

# The states of workflow.CaseState, with their names on the pages (one list, in the loop's order;
# tests check the two agree).
CASE_STATE_CHOICES = [
    ("received", _("受理")), ("registered", _("立案")), ("not_registered", _("不予立案")),
    ("dispatched", _("派遣")), ("handling", _("处置")), ("fed_back", _("反馈")), ("checked", _("核查")),
    ("closed", _("结案")), ("followed_up", _("回访")),
]


class CaseSource(models.TextChoices):
    VISIT = "visit", _("民情日记")
    STAFF = "staff", _("工作人员登记")
    RESIDENT = "resident", _("居民自主上报")
    OPEN311 = "open311", _("接口上报")
    HOTLINE = "hotline", _("12345热线转办")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class Department(models.Model):
    """A department a case may be dispatched to (城管, 派出所, 市场监管 …) of a street."""

    street = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("部门名称"), max_length=60)

    class Meta:
        verbose_name = _("职能部门")
        verbose_name_plural = _("职能部门")
        constraints = [models.UniqueConstraint(fields=["street", "name"], name="department_name_per_street")]

    def __str__(self) -> str:
        return self.name


class CaseCounter(models.Model):
    """The last case number given in a street and year: its row is locked while a number is
    taken, so simultaneous cases never share one."""

    street = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("案件编号计数")
        verbose_name_plural = _("案件编号计数")
        constraints = [models.UniqueConstraint(fields=["street", "year"], name="case_counter_per_street_year")]

    def __str__(self) -> str:
        return f"{self.street_id} {self.year}: {self.last}"


class ServiceCase(models.Model):
    number = models.CharField(_("案件编号"), max_length=24, unique=True)
    community = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="service_cases",
                                  verbose_name=_("社区"))
    grid = models.ForeignKey("grid.Grid", null=True, blank=True, on_delete=models.PROTECT, related_name="cases",
                             verbose_name=_("网格"))
    household = models.ForeignKey("grid.Household", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="cases", verbose_name=_("相关户"))
    visit = models.ForeignKey("grid.Visit", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases",
                              verbose_name=_("来源民情日记"))
    category = models.CharField(_("类别"), max_length=20)  # a code of the catalogue
    source = models.CharField(_("来源"), max_length=10, choices=CaseSource.choices)
    title = models.CharField(_("标题"), max_length=100)
    description = models.TextField(_("内容"))
    address = models.CharField(_("地点"), max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    state = models.CharField(_("状态"), max_length=16, choices=CASE_STATE_CHOICES, default="received")
    # The whole workflow.CaseFacts of the case (serialized by grid.facts): the truth the step
    # table reads; the columns around it copy what lists filter and sort on.
    facts = models.JSONField(default=dict, editable=False)
    time_limit_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"), default=5)
    started_on = models.DateField(null=True, blank=True)  # first day of the running period
    self_handled = models.BooleanField(_("自办自结"), default=False)
    received_at = models.DateTimeField(_("受理时间"))
    registered_on = models.DateField(_("立案日期"), null=True, blank=True)
    deadline = models.DateField(_("办结时限"), null=True, blank=True)
    yellow_on = models.DateField(null=True, blank=True)  # the light turns yellow on this day (list filter)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    refuse_until = models.DateTimeField(null=True, blank=True)
    assigned_grid = models.ForeignKey("grid.Grid", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="assigned_cases", verbose_name=_("承办组团"))
    assigned_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="assigned_cases", verbose_name=_("承办人"))
    assigned_department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="cases", verbose_name=_("承办部门"))
    extension_days = models.PositiveSmallIntegerField(default=0)
    extension_requested = models.BooleanField(default=False)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    supervised_count = models.PositiveSmallIntegerField(default=0)  # CaseFacts.supervised
    satisfaction = models.CharField(_("回访结果"), max_length=12, choices=Satisfaction.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged")
    reporter_name = EncryptedCharField(_("反映人"), max_length=50, blank=True, null=True)
    reporter_contact = EncryptedCharField(_("联系方式"), max_length=50, blank=True, null=True)
    reporter_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)  # repeat reporters
    follow_code_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    client_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)  # rate limit
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # Open311 service_request_id
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("办事档案")
        verbose_name_plural = _("办事档案")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["community", "state"], name="case_community_state"),
            models.Index(fields=["state", "deadline"], name="case_state_deadline"),
            models.Index(fields=["grid", "received_at"], name="case_grid_received"),
            models.Index(fields=["category", "received_at"], name="case_category_received"),
            models.Index(fields=["source", "received_at"], name="case_source_received"),
            models.Index(fields=["-received_at", "-id"], name="case_received_desc"),
            models.Index(fields=["updated_at"], name="case_updated"),  # the lists' cache version
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def reporter_contact_masked(self) -> str:
        return mask_phone(self.reporter_contact or "")


class CaseStep(models.Model):
    """One step of a case: the timeline. `by` is empty for a resident's own step (the actor
    label says who)."""

    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=20)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")
    actor_role = models.CharField(max_length=16)
    at = models.DateTimeField()
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("办理步骤")
        verbose_name_plural = _("办理步骤")
        ordering = ["case_id", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.action}"


class CaseFile(models.Model):
    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="files")
    step = models.ForeignKey(CaseStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="files")
    file = models.FileField(upload_to="grid/cases/%Y/")
    original_name = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("案件附件")
        verbose_name_plural = _("案件附件")

    def __str__(self) -> str:
        return self.original_name


class ApiKey(models.Model):
    """An Open311 client's key for POST: only its keyed hash is kept."""

    street = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="open311_keys")
    name = models.CharField(_("接入方"), max_length=60)
    key_hash = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("接口密钥")
        verbose_name_plural = _("接口密钥")

    def __str__(self) -> str:
        return self.name
