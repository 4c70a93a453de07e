"""`pingxing grid apikey NAME [--street CODE]`: a new Open311 key for a client (接入方).

The key is printed once; only its keyed hash is stored. Without --street the key belongs to
the only street (an error when there are several)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pingxing.grid.services_cases import CaseError, api_key_create
from pingxing.orgs.models import Organization


class Command(BaseCommand):
    help = "网格化管理：apikey 接入方名称 [--street 街道组织代码]（生成 Open311 接口密钥，只显示一次）"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        key = actions.add_parser("apikey", help="生成 Open311 接口密钥")
        key.add_argument("name", help="接入方名称，如“12345热线平台”")
        key.add_argument("--street", default="", help="街道党工委的组织代码（只有一个街道时可省略）")

    def handle(self, *args: Any, **options: Any) -> None:
        streets = Organization.objects.filter(level="street")
        if options["street"]:
            streets = streets.filter(code=options["street"])
        found = list(streets[:2])
        if len(found) != 1:
            raise CommandError("请用 --street 指定一个街道党工委的组织代码。" if found else "没有找到该街道。")
        try:
            row, key = api_key_create(street=found[0], name=options["name"])
        except CaseError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{row.name}（{found[0].name}）的接口密钥（只显示这一次，请妥善保存）：")
        self.stdout.write(key)
