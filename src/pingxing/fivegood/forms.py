"""五好党组织 (fivegood): the self-assessment form, generated from the standard's facts
contract and grouped by the standard's clauses (五好的五项)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing import rubric
from pingxing.fivegood.services import IDENTITY_FIELDS
from pingxing.rubric.model import Clause

_BOOL_CHOICES = [("", _("未填")), ("true", _("是")), ("false", _("否"))]


def fact_fields(std: rubric.Standard) -> list[tuple[Clause, list[rubric.FieldSpec]]]:
    """The contract's fields the standard judges, by clause (identity fields left out)."""
    specs = {s.name: s for s in rubric.contract_fields(std.contract)}
    return [(std.clause(n), [specs[f] for f in names if f in specs and f not in IDENTITY_FIELDS])
            for n, names in std.facts_by_clause().items()]


class FactsForm(forms.Form):
    """One field per fact; empty means unknown. ``values()`` gives JSON-typed facts."""

    def __init__(self, *args: Any, std: rubric.Standard, initial_facts: dict[str, Any] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups: list[tuple[str, list[str]]] = []
        initial_facts = initial_facts or {}
        for clause, specs in fact_fields(std):
            names = []
            for spec in specs:
                value = initial_facts.get(spec.name)
                if spec.type == "boolean":
                    field: forms.Field = forms.TypedChoiceField(
                        label=spec.title, choices=_BOOL_CHOICES, required=False,
                        coerce=lambda v: v == "true", empty_value=None)
                    initial: Any = "" if value is None else ("true" if value else "false")
                else:
                    field = forms.IntegerField(label=spec.title, required=False, min_value=spec.minimum,
                                               max_value=spec.maximum)
                    initial = value
                field.initial = initial
                self.fields[spec.name] = field
                names.append(spec.name)
            self.groups.append((clause.title_zh, names))

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if v is not None}

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[n] for n in names]) for title, names in self.groups]


class OpenForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
