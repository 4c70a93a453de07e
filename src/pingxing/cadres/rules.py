"""The county's list of accountability forms (问责方式), read from `accountability_forms.toml`
(pure: no Django). The list is data: the county replaces the file, the code stays."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FORMS_FILE = Path(__file__).with_name("accountability_forms.toml")


@dataclass(frozen=True)
class AccountabilityForm:
    code: str
    label: str


@dataclass(frozen=True)
class FormList:
    forms: tuple[AccountabilityForm, ...]
    example: bool

    def label_of(self, code: str) -> str | None:
        return next((f.label for f in self.forms if f.code == code), None)


def parse_forms(text: str) -> FormList:
    data = tomllib.loads(text)
    forms = tuple(AccountabilityForm(code=str(f["code"]), label=str(f["label"])) for f in data.get("form", []))
    codes = [f.code for f in forms]
    if not forms or len(set(codes)) != len(codes):
        raise ValueError("accountability forms: at least one form, codes unique")
    return FormList(forms=forms, example=bool(data.get("example", False)))


@cache
def accountability_forms() -> FormList:
    return parse_forms(FORMS_FILE.read_text(encoding="utf-8"))
