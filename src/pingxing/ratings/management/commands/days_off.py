"""`pingxing days_off add|list|remove`: the county's own days off (县定休息日).

They are skipped, beside China's public holidays, when notice periods are counted in
working days. Each change is audited as made from the command line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction

from pingxing.accounts.services import SYSTEM_USERNAME
from pingxing.core.audit import AuditAction, audit_record
from pingxing.orgs.models import Organization
from pingxing.ratings.calendar import official_schedule_known
from pingxing.ratings.models import DayOff


class Command(BaseCommand):
    help = "县定休息日：add 日期 事由 / list [--year 年度] / remove 日期"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="新增县定休息日")
        add.add_argument("date", help="日期，如 2010-10-08")
        add.add_argument("name", nargs="?", default="", help="事由")
        listing = actions.add_parser("list", help="列出县定休息日")
        listing.add_argument("--year", type=int, default=None, help="只列出该年度")
        remove = actions.add_parser("remove", help="删除县定休息日")
        remove.add_argument("date", help="日期，如 2010-10-08")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self._add(_parse_date(options["date"]), options["name"].strip())
        elif action == "remove":
            self._remove(_parse_date(options["date"]))
        else:
            self._list(options["year"])

    def _add(self, day: dt.date, name: str) -> None:
        if len(name) > DayOff._meta.get_field("name").max_length:
            raise CommandError(f"县定休息日“{day}”的事由过长（最多60字）。")
        try:
            with transaction.atomic():
                day_off = DayOff.objects.create(date=day, name=name)
                audit_record(action=AuditAction.CREATE, username=SYSTEM_USERNAME, obj=day_off,
                             organization=_county(), changes={"date": [None, str(day)], "name": [None, name]})
        except IntegrityError:
            raise CommandError(f"县定休息日“{day}”已存在。") from None
        self.stdout.write(f"已新增县定休息日：{day} {name}")
        if not official_schedule_known(day):
            self.stdout.write(f"注意：尚未收录{day.year}年国家法定节假日安排，该年公示期仅按周末和县定休息日计算。")

    def _remove(self, day: dt.date) -> None:
        with transaction.atomic():
            day_off = DayOff.objects.select_for_update().filter(date=day).first()
            if day_off is None:
                raise CommandError(f"没有日期为“{day}”的县定休息日。")
            audit_record(action=AuditAction.DELETE, username=SYSTEM_USERNAME, obj=day_off,
                         organization=_county(), changes={"date": [str(day), None], "name": [day_off.name, None]})
            day_off.delete()
        self.stdout.write(f"已删除县定休息日：{day}")

    def _list(self, year: int | None) -> None:
        days = DayOff.objects.order_by("date")
        if year is not None:
            days = days.filter(date__year=year)
        rows = list(days)
        if not rows:
            self.stdout.write("暂无县定休息日。")
        for day_off in rows:
            self.stdout.write(f"{day_off.date}  {day_off.name}")


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"日期“{text}”无法识别，请写成 2010-10-08 的格式。") from None


def _county() -> Organization | None:
    return Organization.objects.filter(level="county").order_by("pk").first()
