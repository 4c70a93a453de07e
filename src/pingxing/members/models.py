"""Party members (党员). ID numbers, phones and addresses are encrypted at rest."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from pingxing.core.masking import mask_phone


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class Education(models.TextChoices):
    PRIMARY = "primary", _("小学及以下")
    JUNIOR = "junior", _("初中")
    SENIOR = "senior", _("高中/中专")
    COLLEGE = "college", _("大专")
    BACHELOR = "bachelor", _("本科")
    POSTGRADUATE = "postgraduate", _("研究生")


class MemberStatus(models.TextChoices):
    FULL = "full", _("正式党员")
    PROBATIONARY = "probationary", _("预备党员")


def id_number_digest(id_number: str) -> str:
    """A keyed digest of an ID number: uniqueness and lookup without decrypting."""
    key = settings.SALT_KEY.encode()
    return hmac.new(key, id_number.strip().upper().encode(), hashlib.sha256).hexdigest()


def mask_id_number(id_number: str) -> str:
    """3301**********1234: the first four and last four characters only."""
    if len(id_number) <= 8:
        return "*" * len(id_number)
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def mask_address(address: str) -> str:
    """柯桥街道湖塘****: the first six characters (street and community), no house number."""
    if not address:
        return ""
    return address[:6] + "****" if len(address) > 6 else address[:2] + "****"


class MemberQuerySet(models.QuerySet["Member"]):
    def within(self, org) -> MemberQuerySet:
        return self.filter(organization__path__startswith=org.path)


class Member(models.Model):
    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("出生日期"))
    education = models.CharField(_("文化程度"), max_length=16, choices=Education.choices)
    joined_on = models.DateField(_("入党日期"))
    occupation = models.CharField(_("职业/行业"), max_length=50, blank=True)
    specialty = models.CharField(_("特长"), max_length=50, blank=True)
    # Optional encrypted fields are nullable: the field type stores an empty value as NULL.
    phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True, null=True)
    id_number = EncryptedCharField(_("身份证号"), max_length=18)
    id_number_digest = models.CharField(max_length=64, unique=True, editable=False)
    address = EncryptedCharField(_("住址"), max_length=200, blank=True, null=True)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所在党组织"), on_delete=models.PROTECT, related_name="members"
    )
    party_group = models.ForeignKey(
        "orgs.PartyGroup", verbose_name=_("党小组"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="members",
    )
    status = models.CharField(_("党员类别"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.FULL)
    is_mobile = models.BooleanField(_("流动党员"), default=False)
    # The outside unit (驻区单位) the member works at, if any: how a member of a unit outside our
    # tree can be drawn into a regional Party organization (seed 四.2).
    work_unit = models.ForeignKey(
        "orgs.OutsideUnit", verbose_name=_("工作单位（驻区单位）"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="members",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("党员")
        verbose_name_plural = _("党员")
        ordering = ["organization_id", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number or "")

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone or "")

    @property
    def address_masked(self) -> str:
        return mask_address(self.address or "")


class DrawnMember(models.Model):
    """A member drawn into a regional Party organization (区域化党组织) from one of its member
    units. The member keeps their home organization: their Party relation stays there."""

    regional = models.ForeignKey(
        "orgs.Organization", verbose_name=_("区域化党组织"), on_delete=models.PROTECT, related_name="drawn_members",
    )
    member = models.ForeignKey(Member, verbose_name=_("党员"), on_delete=models.CASCADE, related_name="drawings")
    member_unit = models.ForeignKey(
        "orgs.MemberUnit", verbose_name=_("来自成员单位"), on_delete=models.PROTECT, related_name="drawn_members",
    )
    joined_on = models.DateField(_("加入日期"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("区域化党组织成员")
        verbose_name_plural = _("区域化党组织成员")
        ordering = ["regional_id", "member__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["regional", "member"], name="drawn_member_unique_per_regional"),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.regional}"
