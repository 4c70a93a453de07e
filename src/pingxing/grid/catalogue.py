"""The catalogue of service-case categories (办事档案类别) as data. Pure Python.

Each county keeps a TOML file in `grid/catalogues/` (the shipped `keqiao-example.toml` is an
example to replace). A category says, after GB/T 30428 (数字化城市管理) and 12345 hotline
practice: whether it is an event (事件) or a component (部件) case, its type (咨询, 求助, 投诉,
建议, 矛盾纠纷, 其他), its time limit in working days, whether a grid worker may handle it
alone (自办自结, `simple`), the conditions to register it (立案条件) and to close it (结案条件),
and how many hours a receiver has to refuse a dispatch (`refuse_window_hours`). Its
`service_code` is its Open311 (GeoReport v2) service code.

A case copies the figures it needs when it is received (see `workflow.new_case`), so a later
change of the file does not move the deadline of a running case.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

DEFAULT_CATALOGUE = "keqiao-example"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,15}$")  # ≤16 characters, like every code of ours
MAX_TIME_LIMIT_DAYS = 90
MAX_REFUSE_WINDOW_HOURS = 168  # one week
E = TypeVar("E", bound=StrEnum)


class Kind(StrEnum):
    """GB/T 30428: an event (事件) or a component (部件, a public facility)."""

    EVENT = "event"
    COMPONENT = "component"


class CaseType(StrEnum):
    CONSULTATION = "consultation"
    HELP = "help"
    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"
    DISPUTE = "dispute"
    OTHER = "other"


KIND_TEXT = {Kind.EVENT: "事件", Kind.COMPONENT: "部件"}
TYPE_TEXT = {
    CaseType.CONSULTATION: "咨询", CaseType.HELP: "求助", CaseType.COMPLAINT: "投诉",
    CaseType.SUGGESTION: "建议", CaseType.DISPUTE: "矛盾纠纷", CaseType.OTHER: "其他",
}


class CatalogueError(ValueError):
    """The catalogue file cannot be used; the message names the category and the field."""


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    service_code: str  # Open311 service_code
    group: str  # Open311 group (a heading for the list)
    kind: Kind
    type: CaseType
    time_limit_days: int  # working days from the day after registration
    simple: bool  # a grid worker may handle and close it alone (自办自结)
    refuse_window_hours: int  # hours after a dispatch during which the receiver may refuse it
    acceptance_conditions: tuple[str, ...]  # 立案条件
    closing_conditions: tuple[str, ...]  # 结案条件
    description: str = ""
    keywords: tuple[str, ...] = ()

    def open311(self) -> dict[str, Any]:
        """The category as an Open311 GeoReport v2 service (services.json)."""
        return {
            "service_code": self.service_code,
            "service_name": self.name,
            "description": self.description,
            "metadata": False,
            "type": "realtime",
            "keywords": ",".join(self.keywords),
            "group": self.group,
        }


@dataclass(frozen=True)
class Catalogue:
    id: str
    version: int
    title: str
    example: bool  # the shipped example, for a county to replace with its own
    categories: tuple[Category, ...]
    source: str = field(default="", repr=False)  # the TOML text

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.categories)

    def get(self, code: str) -> Category | None:
        return next((c for c in self.categories if c.code == code), None)

    def by_service_code(self, service_code: str) -> Category | None:
        return next((c for c in self.categories if c.service_code == service_code), None)

    def category(self, code: str) -> Category:
        found = self.get(code)
        if found is None:
            raise CatalogueError(f"目录“{self.title}”中没有类别 {code}")
        return found


# --- parsing ---------------------------------------------------------------------------------

def _text(raw: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise CatalogueError(f"{where}：字段 {key} 应为非空文字")
    return value.strip()


def _int(raw: Mapping[str, Any], key: str, where: str, low: int, high: int) -> int:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CatalogueError(f"{where}：字段 {key} 应为{low}到{high}之间的整数，而不是“{value}”")
    return value


def _texts(raw: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogueError(f"{where}：字段 {key} 应为文字列表")
    if required and not value:
        raise CatalogueError(f"{where}：字段 {key} 至少需要一条")
    return tuple(v.strip() for v in value)


def _choice(raw: Mapping[str, Any], key: str, where: str, enum: type[E]) -> E:
    value = raw.get(key)
    try:
        return enum(str(value))
    except ValueError:
        allowed = "、".join(e.value for e in enum)
        raise CatalogueError(f"{where}：字段 {key} 应为 {allowed} 之一，而不是“{value}”") from None


def _category(raw: Any, n: int, default_window: int, seen: dict[str, set[str]]) -> Category:
    code = str(raw.get("code", "")).strip() if isinstance(raw, dict) else ""
    where = f"第{n}个类别（{code or '无编号'}）"
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}：应为一个 [[categories]] 表")
    if not _CODE.match(code):
        raise CatalogueError(f"{where}：字段 code 应为小写字母开头、不超过16个字符的字母、数字或下划线")
    service_code = _text(raw, "service_code", where)
    for key, value in (("code", code), ("service_code", service_code)):
        if value in seen[key]:
            raise CatalogueError(f"{where}：字段 {key} 与前面的类别重复")
        seen[key].add(value)
    window = raw.get("refuse_window_hours", default_window)
    return Category(
        code=code,
        name=_text(raw, "name", where),
        service_code=service_code,
        group=_text(raw, "group", where),
        kind=_choice(raw, "kind", where, Kind),
        type=_choice(raw, "type", where, CaseType),
        time_limit_days=_int(raw, "time_limit_days", where, 1, MAX_TIME_LIMIT_DAYS),
        simple=_bool(raw, "simple", where),
        refuse_window_hours=_int({"refuse_window_hours": window}, "refuse_window_hours", where,
                                 0, MAX_REFUSE_WINDOW_HOURS),
        acceptance_conditions=_texts(raw, "acceptance_conditions", where),
        closing_conditions=_texts(raw, "closing_conditions", where),
        description=_text(raw, "description", where, required=False),
        keywords=_texts(raw, "keywords", where, required=False),
    )


def _bool(raw: Mapping[str, Any], key: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise CatalogueError(f"{where}：字段 {key} 应为 true 或 false")
    return value


def parse_catalogue(text: str, *, name: str = "catalogue") -> Catalogue:
    """A catalogue from TOML text; CatalogueError names the category and the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{name}：不是有效的 TOML：{error}") from None
    for key in ("id", "title"):
        _text(data, key, name)
    version = _int(data, "version", name, 1, 10_000)
    default_window = _int({"refuse_window_hours": data.get("refuse_window_hours", 24)},
                          "refuse_window_hours", name, 0, MAX_REFUSE_WINDOW_HOURS)
    raw_categories = data.get("categories", [])
    if not isinstance(raw_categories, list) or not raw_categories:
        raise CatalogueError(f"{name}：没有任何类别 [[categories]]")
    seen: dict[str, set[str]] = {"code": set(), "service_code": set()}
    categories = tuple(_category(raw, n, default_window, seen)
                       for n, raw in enumerate(raw_categories, start=1))
    return Catalogue(id=str(data["id"]).strip(), version=version, title=str(data["title"]).strip(),
                     example=_bool(data, "example", name), categories=categories, source=text)


def load_catalogue(name: str = DEFAULT_CATALOGUE) -> Catalogue:
    """The catalogue shipped in the package (`grid/catalogues/<name>.toml`)."""
    if not _NAME.match(name):
        raise CatalogueError(f"目录名“{name}”无效")
    resource = resources.files("pingxing.grid").joinpath("catalogues", f"{name}.toml")
    if not resource.is_file():
        raise CatalogueError(f"没有名为“{name}”的类别目录")
    return parse_catalogue(resource.read_text("utf-8"), name=f"{name}.toml")


def load_catalogue_file(path: Path) -> Catalogue:
    """A county's own catalogue file (outside the package)."""
    return parse_catalogue(path.read_text(encoding="utf-8"), name=path.name)
