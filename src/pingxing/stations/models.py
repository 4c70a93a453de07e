"""服务阵地 (stations, seed 四.5): the street's 党员服务中心, the 党员服务站/点 of communities,
enterprises and building clusters, the activities held there, and the 远程教育 sites whose
sessions are training sessions of the training app (hours count for 我的培训)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from pingxing.members.models import mask_phone


class StationKind(models.TextChoices):
    CENTER = "center", _("党员服务中心")
    STATION = "station", _("党员服务站")
    POINT = "point", _("党员服务点")


class Service(models.TextChoices):
    TRANSFER = "transfer", _("组织关系接转")
    DUES = "dues", _("党费收缴")
    HARDSHIP = "hardship", _("困难帮扶")
    POLICY = "policy", _("政策咨询")
    EMPLOYMENT = "employment", _("就业创业")
    VOLUNTEER = "volunteer", _("志愿服务")
    REMOTE_EDUCATION = "remote_education", _("远程教育")


class ActivityKind(models.TextChoices):
    STUDY = "study", _("学习教育")
    SERVICE = "service", _("便民服务")
    VOLUNTEER = "volunteer", _("志愿服务")
    CARE = "care", _("关爱帮扶")
    OTHER = "other", _("其他")


WEEKDAYS = (_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日"))


class StationQuerySet(models.QuerySet["Station"]):
    def active(self) -> StationQuerySet:
        return self.filter(active=True)


class Station(models.Model):
    """A service platform of an organization: the street's center or a station/point below it.
    `hours` is a list of {"weekday": 0-6, "from": "HH:MM", "to": "HH:MM"}; `services` a list of
    Service values."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("所属组织"), on_delete=models.PROTECT,
                                     related_name="stations")
    kind = models.CharField(_("类型"), max_length=10, choices=StationKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    hours = models.JSONField(_("开放时间"), default=list)
    hours_note = models.CharField(_("开放时间说明"), max_length=200, blank=True)
    services = models.JSONField(_("服务项目"), default=list)
    active = models.BooleanField(_("在用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("服务阵地")
        verbose_name_plural = _("服务阵地")
        ordering = ["organization__path", "kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def service_labels(self) -> list[str]:
        labels = dict(Service.choices)
        return [str(labels[s]) for s in self.services if s in labels]

    def hours_lines(self) -> list[str]:
        return [f"{WEEKDAYS[h['weekday']]} {h['from']}–{h['to']}" for h in self.hours
                if isinstance(h.get("weekday"), int) and 0 <= h["weekday"] < 7]


class StationStaff(models.Model):
    """Someone on duty at a station; the phone is encrypted and only ever shown masked."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="staff")
    name = models.CharField(_("姓名"), max_length=50)
    role = models.CharField(_("职务"), max_length=50, blank=True)
    phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True, null=True)
    member = models.ForeignKey("members.Member", verbose_name=_("党员"), on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")

    class Meta:
        verbose_name = _("阵地工作人员")
        verbose_name_plural = _("阵地工作人员")
        ordering = ["station_id", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone or "")


class Activity(models.Model):
    """An activity held at a station."""

    station = models.ForeignKey(Station, verbose_name=_("服务阵地"), on_delete=models.CASCADE,
                                related_name="activities")
    date = models.DateField(_("日期"))
    title = models.CharField(_("活动名称"), max_length=100)
    kind = models.CharField(_("活动类型"), max_length=12, choices=ActivityKind.choices)
    participants = models.PositiveIntegerField(_("参加人数"), default=0)
    description = models.TextField(_("活动情况"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("阵地活动")
        verbose_name_plural = _("阵地活动")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="stations/activities/%Y/")
    original_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("活动照片")
        verbose_name_plural = _("活动照片")

    def __str__(self) -> str:
        return self.original_name


class RemoteEducationSite(models.Model):
    """A 远程教育站点: at a station, or kept by an organization without one."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("所属组织"), on_delete=models.PROTECT,
                                     related_name="remote_sites")
    station = models.OneToOneField(Station, verbose_name=_("服务阵地"), on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="remote_site")
    name = models.CharField(_("站点名称"), max_length=100)
    equipment = models.CharField(_("设备情况"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("远程教育站点")
        verbose_name_plural = _("远程教育站点")
        ordering = ["organization__path", "pk"]

    def __str__(self) -> str:
        return self.name


class RemoteSession(models.Model):
    """A remote-education broadcast watched at a site: the training session (whose attendance
    gives the members their hours) linked to the site where it was held."""

    site = models.ForeignKey(RemoteEducationSite, verbose_name=_("站点"), on_delete=models.PROTECT,
                             related_name="sessions")
    session = models.OneToOneField("training.Session", verbose_name=_("培训场次"), on_delete=models.CASCADE,
                                   related_name="remote_site_link")

    class Meta:
        verbose_name = _("远程教育场次")
        verbose_name_plural = _("远程教育场次")
        ordering = ["-session__date", "-pk"]

    def __str__(self) -> str:
        return f"{self.site} {self.session_id}"
