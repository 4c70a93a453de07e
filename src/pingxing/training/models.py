"""Education and training (教育培训, seed 四.1): courses of the street's Party school (街道党校),
of remote education (远程教育) and others, their sessions, the people who attend them (两委成员,
党员代表, 居民代表, 党员), their attendance in hours, and the yearly hours each category should reach.

A trainee is matched across imports by a keyed digest of their ID number (the same digest as
members.Member.id_number_digest); the ID number itself is never stored here."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """Where a course is given: the street's Party school, the remote-education platform, other."""

    PARTY_SCHOOL = "party_school", _("街道党校")
    REMOTE_EDUCATION = "remote_education", _("远程教育")
    OTHER = "other", _("其他")


class TraineeCategory(models.TextChoices):
    """Who is trained (the one list: forms, imports, targets and the pure computation use it)."""

    COMMITTEE_MEMBER = "committee_member", _("两委成员")
    MEMBER_REPRESENTATIVE = "member_representative", _("党员代表")
    RESIDENT_REPRESENTATIVE = "resident_representative", _("居民代表")
    MEMBER = "member", _("党员")


# The yearly hours of each category when no street or county has set its own. AN EXAMPLE to
# replace with the figures the county office decides; a street or the county overrides it per
# year with HoursTarget.
DEFAULT_TARGET_HOURS: dict[str, Decimal] = {
    TraineeCategory.COMMITTEE_MEMBER: Decimal("24"),
    TraineeCategory.MEMBER_REPRESENTATIVE: Decimal("12"),
    TraineeCategory.RESIDENT_REPRESENTATIVE: Decimal("8"),
    TraineeCategory.MEMBER: Decimal("12"),
}
MAX_SESSION_HOURS = Decimal("24")
HOURS_FIELD = {"max_digits": 5, "decimal_places": 1}


class CourseQuerySet(models.QuerySet["Course"]):
    def for_year(self, year: int) -> CourseQuerySet:
        return self.filter(year=year)


class Course(models.Model):
    """A course (培训班) of one year, given by an organization (the street's Party school, a
    community, an enterprise …) through one channel, for some categories of trainees."""

    title = models.CharField(_("课程名称"), max_length=100)
    channel = models.CharField(_("培训渠道"), max_length=20, choices=Channel.choices)
    audience = models.JSONField(_("培训对象"), default=list)  # TraineeCategory values
    organizer = models.ForeignKey("orgs.Organization", verbose_name=_("主办组织"), on_delete=models.PROTECT,
                                  related_name="training_courses")
    year = models.PositiveIntegerField(_("年度"))
    description = models.TextField(_("课程简介"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("培训课程")
        verbose_name_plural = _("培训课程")
        ordering = ["-year", "organizer_id", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def audience_labels(self) -> list[str]:
        labels = dict(TraineeCategory.choices)
        return [str(labels[c]) for c in self.audience if c in labels]


class Session(models.Model):
    """One sitting of a course (one lecture, one remote-education broadcast) with its hours."""

    course = models.ForeignKey(Course, verbose_name=_("课程"), on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("日期"))
    hours = models.DecimalField(_("学时"), **HOURS_FIELD)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("培训场次")
        verbose_name_plural = _("培训场次")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.course.title} {self.date:%Y-%m-%d}"


class Trainee(models.Model):
    """A person who attends training, in one category and registered with one organization;
    linked to their member record when they are a Party member of the system."""

    name = models.CharField(_("姓名"), max_length=50)
    category = models.CharField(_("类别"), max_length=24, choices=TraineeCategory.choices)
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("所在组织"), on_delete=models.PROTECT,
                                     related_name="trainees")
    member = models.OneToOneField("members.Member", verbose_name=_("党员"), on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="trainee")
    id_number_digest = models.CharField(max_length=64, unique=True, editable=False)
    id_number_tail = models.CharField(max_length=4, blank=True, editable=False)  # for the masked form only
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("参训人员")
        verbose_name_plural = _("参训人员")
        ordering = ["organization_id", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def id_number_masked(self) -> str:
        return "**************" + self.id_number_tail if self.id_number_tail else ""


class Attendance(models.Model):
    """That a trainee attended a session, for how many of its hours (fewer when they left early)."""

    session = models.ForeignKey(Session, verbose_name=_("场次"), on_delete=models.CASCADE,
                                related_name="attendances")
    trainee = models.ForeignKey(Trainee, verbose_name=_("参训人员"), on_delete=models.PROTECT,
                                related_name="attendances")
    hours = models.DecimalField(_("学时"), **HOURS_FIELD)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("参训记录")
        verbose_name_plural = _("参训记录")
        ordering = ["session_id", "trainee__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "trainee"], name="one_attendance_per_session")]

    def __str__(self) -> str:
        return f"{self.trainee_id}@{self.session_id}"


class HoursTarget(models.Model):
    """The yearly hours a category should reach, set by a street (for its subtree) or the county;
    the nearest one above a trainee's organization applies, else DEFAULT_TARGET_HOURS."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("设定组织"), on_delete=models.CASCADE,
                                     related_name="training_targets")
    year = models.PositiveIntegerField(_("年度"))
    category = models.CharField(_("类别"), max_length=24, choices=TraineeCategory.choices)
    hours = models.DecimalField(_("年度学时目标"), **HOURS_FIELD)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("学时目标")
        verbose_name_plural = _("学时目标")
        ordering = ["organization_id", "year", "category"]
        constraints = [models.UniqueConstraint(fields=["organization", "year", "category"],
                                               name="one_training_target")]

    def __str__(self) -> str:
        return f"{self.year} {self.category} {self.hours}"
