"""The organization tree: county office → street committee → Party organizations → Party groups."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from pingxing.core.masking import mask_phone


class OrgLevel(models.TextChoices):
    COUNTY = "county", _("县委组织部（评星晋级领导小组办公室）")
    STREET = "street", _("街道党工委")
    ORGANIZATION = "organization", _("基层党组织")


# Which level sits below which in the tree: county → street → Party organization.
CHILD_LEVEL = {OrgLevel.COUNTY: OrgLevel.STREET, OrgLevel.STREET: OrgLevel.ORGANIZATION}


class OrgKind(models.TextChoices):
    COMMUNITY = "community", _("社区(居)党组织")
    ENTERPRISE = "enterprise", _("企业党组织")
    INSTITUTION = "institution", _("机关和事业单位党组织")
    SOCIAL_ORG = "social_org", _("新社会组织党组织")
    # Regional Party building (区域化党建, seed 四.2): organizations across units.
    REGIONAL = "regional", _("区域化党组织")
    ASSOCIATION = "association", _("专业协会党组织")
    INDUSTRY_CHAIN = "industry_chain", _("产业链党组织")


# The kinds that gather member units (成员单位) instead of being one unit's organization.
REGIONAL_KINDS = frozenset({OrgKind.REGIONAL, OrgKind.ASSOCIATION, OrgKind.INDUSTRY_CHAIN})


class OrgForm(models.TextChoices):
    COMMITTEE = "committee", _("党委")
    GENERAL_BRANCH = "general_branch", _("党总支")
    BRANCH = "branch", _("党支部")


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def within(self, org: Organization) -> OrganizationQuerySet:
        """The organization itself and everything below it in the tree."""
        return self.filter(path__startswith=org.path)

    def communities(self) -> OrganizationQuerySet:
        return self.filter(level=OrgLevel.ORGANIZATION, kind=OrgKind.COMMUNITY)

    def with_member_counts(self) -> OrganizationQuerySet:
        return self.annotate(member_count=models.Count("members", distinct=True))


class Organization(models.Model):
    """A node of the tree. `path` ("/1/4/17/") makes "this one and below" one indexed filter."""

    code = models.CharField(_("组织代码"), max_length=32, unique=True)
    name = models.CharField(_("组织名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=16, choices=OrgLevel.choices)
    kind = models.CharField(_("类别"), max_length=16, choices=OrgKind.choices, blank=True)
    form = models.CharField(_("组织形式"), max_length=16, choices=OrgForm.choices, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级组织"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    secretary_name = models.CharField(_("书记"), max_length=50, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("党组织")
        verbose_name_plural = _("党组织")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    @property
    def is_regional(self) -> bool:
        """A regional, association or industry-chain organization (it has member units)."""
        return self.kind in REGIONAL_KINDS

    def street(self) -> Organization | None:
        """The street committee this node belongs to (itself if it is one)."""
        node: Organization | None = self
        while node is not None and node.level != OrgLevel.STREET:
            node = node.parent
        return node


class GroupBasis(models.TextChoices):
    AGE = "age", _("按年龄")
    EDUCATION = "education", _("按文化程度")
    SPECIALTY = "specialty", _("按特长")
    INDUSTRY = "industry", _("按行业")
    AREA = "area", _("按居住区域")
    OTHER = "other", _("其他")


class PartyGroup(models.Model):
    """党小组: set up by age, education, specialty or industry (seed 四.2)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("所属党组织"), on_delete=models.PROTECT, related_name="party_groups"
    )
    name = models.CharField(_("党小组名称"), max_length=100)
    basis = models.CharField(_("设置依据"), max_length=16, choices=GroupBasis.choices, default=GroupBasis.OTHER)
    leader_name = models.CharField(_("组长"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("党小组")
        verbose_name_plural = _("党小组")
        ordering = ["organization_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="party_group_unique_name_per_org")
        ]

    def __str__(self) -> str:
        return self.name


class OutsideUnit(models.Model):
    """An outside unit (驻区单位/共建单位): a unit with no Party organization in our tree that
    co-builds with ours (seed 四.4) or belongs to a regional Party organization (四.2).
    Registered by a street; its contact's phone is encrypted at rest and shown masked."""

    street = models.ForeignKey(
        Organization, verbose_name=_("登记街道"), on_delete=models.PROTECT, related_name="outside_units",
        limit_choices_to={"level": OrgLevel.STREET},
    )
    name = models.CharField(_("单位名称"), max_length=100)
    category = models.CharField(_("单位性质"), max_length=50, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True, null=True)
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("驻区单位")
        verbose_name_plural = _("驻区单位")
        ordering = ["street_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["street", "name"], name="outside_unit_unique_name_per_street")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def contact_phone_masked(self) -> str:
        return mask_phone(self.contact_phone or "")


class MemberUnitRole(models.TextChoices):
    LEAD = "lead", _("牵头单位")
    MEMBER = "member", _("成员单位")


class MemberUnit(models.Model):
    """A member unit (成员单位) of a regional Party organization: either an organization of our
    tree or an outside unit, never both. Leaving keeps the row (left_on) as history."""

    regional = models.ForeignKey(
        Organization, verbose_name=_("区域化党组织"), on_delete=models.PROTECT, related_name="member_units",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("本系统党组织"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="regional_memberships",
    )
    outside_unit = models.ForeignKey(
        OutsideUnit, verbose_name=_("驻区单位"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="regional_memberships",
    )
    role = models.CharField(_("在区域化党组织中的角色"), max_length=16, choices=MemberUnitRole.choices,
                            default=MemberUnitRole.MEMBER)
    joined_on = models.DateField(_("加入日期"))
    left_on = models.DateField(_("退出日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("成员单位")
        verbose_name_plural = _("成员单位")
        ordering = ["regional_id", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(organization__isnull=False, outside_unit__isnull=True)
                           | models.Q(organization__isnull=True, outside_unit__isnull=False)),
                name="member_unit_exactly_one_unit",
            ),
            models.UniqueConstraint(fields=["regional", "organization"], condition=models.Q(left_on__isnull=True),
                                    name="member_unit_unique_current_org"),
            models.UniqueConstraint(fields=["regional", "outside_unit"], condition=models.Q(left_on__isnull=True),
                                    name="member_unit_unique_current_outside"),
        ]

    def __str__(self) -> str:
        return self.unit_name

    @property
    def unit_name(self) -> str:
        unit = self.organization if self.organization_id else self.outside_unit
        return unit.name if unit is not None else ""

    @property
    def is_current(self) -> bool:
        return self.left_on is None
