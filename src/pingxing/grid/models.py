"""网格化管理、组团式服务 (seed 四.3): grids and their service teams, household files (民情档案),
member–household links (党员联系户) and visit diaries (民情日记).

One visit is entered once: a `Visit` names the households it concerns (the household file shows
it), counts toward the recording member's contact coverage, and opens a `ServiceCase` for each
concern raised (models_cases). ID numbers and phones are encrypted at rest and shown masked, as
for members; their keyed digest finds a person without decrypting.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from pingxing.members.models import mask_id_number, mask_phone


class GridLevel(models.TextChoices):
    LARGE = "large", _("大网格")
    SMALL = "small", _("小网格")


class Grid(models.Model):
    """A large grid of a community, or a small grid inside a large one. The boundary, when
    drawn, is kept as GeoJSON data (no map tiles are needed to keep or check it)."""

    community = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="grids",
                                  verbose_name=_("社区党组织"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("所属大网格"))
    level = models.CharField(_("网格层级"), max_length=8, choices=GridLevel.choices)
    code = models.CharField(_("网格编号"), max_length=30)
    name = models.CharField(_("网格名称"), max_length=60)
    area = models.TextField(_("范围说明"), blank=True)
    addresses = models.JSONField(_("覆盖楼栋与地址"), default=list, blank=True)
    boundary = models.JSONField(_("边界（GeoJSON）"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("网格")
        verbose_name_plural = _("网格")
        ordering = ["community_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="grid_code_per_community"),
            models.CheckConstraint(condition=Q(level="large", parent__isnull=True) | Q(level="small", parent__isnull=False),
                                   name="small_grid_in_large_grid"),
        ]

    def __str__(self) -> str:
        return self.name


class TeamRole(models.Model):
    """A role in a grid's service team (组团): 网格长, 网格员, 党员, 民警, 医生, 律师, 志愿者 … (a list
    the street keeps; the demo loads the common ones)."""

    name = models.CharField(_("角色"), max_length=20, unique=True)
    leads = models.BooleanField(_("组团负责人（审阅民情日记）"), default=False)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        verbose_name = _("组团角色")
        verbose_name_plural = _("组团角色")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """A person of a grid's service team: a Party member or not, with an account or not."""

    grid = models.ForeignKey(Grid, on_delete=models.CASCADE, related_name="team")
    role = models.ForeignKey(TeamRole, on_delete=models.PROTECT, related_name="+", verbose_name=_("角色"))
    name = models.CharField(_("姓名"), max_length=50)
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="grid_teams", verbose_name=_("党员"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="grid_teams", verbose_name=_("账号"))
    unit = models.CharField(_("单位"), max_length=60, blank=True)
    phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True, null=True)
    active = models.BooleanField(_("在岗"), default=True)

    class Meta:
        verbose_name = _("组团成员")
        verbose_name_plural = _("组团成员")
        ordering = ["grid_id", "role__order", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.role}）"

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone or "")


class SituationTag(models.Model):
    """A situation of a household or person: 独居老人, 残疾, 困难, 流动人口 … (configurable)."""

    name = models.CharField(_("情况标签"), max_length=20, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        verbose_name = _("情况标签")
        verbose_name_plural = _("情况标签")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Household(models.Model):
    """A household's file (民情档案): where it lives, who lives there, its situation and needs;
    its history is the visits and cases that name it."""

    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="households", verbose_name=_("网格"))
    address = EncryptedCharField(_("住址"), max_length=200)
    address_digest = models.CharField(max_length=64, db_index=True, editable=False)
    building = models.CharField(_("楼栋"), max_length=40, blank=True)  # the part of the address shown in lists
    tags = models.ManyToManyField(SituationTag, blank=True, related_name="households", verbose_name=_("情况标签"))
    needs = models.TextField(_("需求"), blank=True)
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("户")
        verbose_name_plural = _("民情档案")
        ordering = ["grid_id", "building", "pk"]

    def __str__(self) -> str:
        return f"{self.building or self.grid.name}·{self.pk}"


class Resident(models.Model):
    """A person of a household. ID number and phone are encrypted and shown masked."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="residents")
    name = models.CharField(_("姓名"), max_length=50)
    relation = models.CharField(_("与户主关系"), max_length=20)
    id_number = EncryptedCharField(_("身份证号"), max_length=18, blank=True, null=True)
    id_number_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True, null=True)
    birth_year = models.PositiveSmallIntegerField(_("出生年份"), null=True, blank=True)
    tags = models.ManyToManyField(SituationTag, blank=True, related_name="residents", verbose_name=_("情况标签"))

    class Meta:
        verbose_name = _("家庭成员")
        verbose_name_plural = _("家庭成员")
        ordering = ["household_id", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number or "")

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone or "")


class HouseholdLink(models.Model):
    """党员联系户: a member keeps in touch with a household."""

    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="household_links")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="links")
    since = models.DateField(_("联系起始日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("党员联系户")
        verbose_name_plural = _("党员联系户")
        constraints = [models.UniqueConstraint(fields=["member", "household"], name="one_link_per_pair")]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.household_id}"


class VisitKind(models.TextChoices):
    VISIT = "visit", _("走访")
    TALK = "talk", _("民主恳谈")
    HEARING = "hearing", _("民主听证")
    DAY = "day", _("民情沟通日")


class VisitGrade(models.TextChoices):
    GOOD = "good", _("好")
    FAIR = "fair", _("较好")
    PLAIN = "plain", _("一般")


class Visit(models.Model):
    """A 民情日记 entry, entered once: who, when, where, which households, what was heard.
    `client_key` is the phone's own id of the entry, so an entry sent twice from the offline
    queue is saved once."""

    kind = models.CharField(_("类型"), max_length=8, choices=VisitKind.choices, default=VisitKind.VISIT)
    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="visits", verbose_name=_("网格"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grid_visits")
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="grid_visits")  # the recording member (coverage), if a member
    occurred_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=100, blank=True)
    households = models.ManyToManyField(Household, blank=True, related_name="visits", verbose_name=_("走访户"))
    participants = models.PositiveSmallIntegerField(_("参加人数"), null=True, blank=True)
    heard = models.TextField(_("民情民意"))
    done = models.TextField(_("当场解答或办理"), blank=True)
    client_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    grade = models.CharField(_("审阅评价"), max_length=8, choices=VisitGrade.choices, blank=True)
    review_note = models.CharField(_("审阅意见"), max_length=200, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("民情日记")
        verbose_name_plural = _("民情日记")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["grid", "occurred_on"], name="visit_grid_day"),
                   models.Index(fields=["member", "occurred_on"], name="visit_member_day")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"


class VisitPhoto(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="grid/visits/%Y/")
    original_name = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("走访照片")
        verbose_name_plural = _("走访照片")

    def __str__(self) -> str:
        return self.original_name


from pingxing.grid.models_cases import *  # noqa: E402,F403 - one app, the case models in their own module
from pingxing.grid.models_meetings import *  # noqa: E402,F403
