"""The star standard as data, and a rating engine that explains itself (pure Python).

Public API (stable; the Django side uses these names):

- ``load_standard(standard_id=None) -> Standard``: an installed standard by id (default
  ``"shaoxing-county-2010-community"``) or a path to a TOML file. ``Standard`` has
  ``.id``, ``.version``, ``.title``, ``.levels`` (each with ``.conditions``), ``.vetoes``,
  ``.fact_usage()`` (fact -> conditions using it, with clause 1-4 and wording) and
  ``.facts_by_clause()`` (clause number -> facts), for forms grouped by clause.
- ``list_standards() -> list[StandardInfo]``: the installed standards.
- ``contract_fields(contract=None) -> list[FieldSpec]``: a facts contract, in contract order
  (default ``community-facts``). Contracts are the schemas in ``contract/``, by ``$id``
  name (``contract_registry()``); a standard's ``contract`` key ("org-facts/v1.0") picks
  one; ``contract_name(ref)`` raises ``UnknownContractError`` for an unknown one. Every
  facts function below takes ``contract=`` the same way.
- ``validate_facts(record) -> (Facts | None, list[FactError])``; ``FactError`` has
  ``field``, ``message_zh``, ``message_en``. ``coerce_cells(row)`` first for CSV/XLSX.
  Counts the contract's bounds force (已调处数 when 矛盾纠纷总数 = 0 …) are filled in and
  listed in ``Facts.derived``; ``derive_forced(values)`` says which, for forms.
- ``evaluate(standard, facts) -> Rating``: star (0 = 未定星), every level met / not met /
  unknown with per-condition outcomes, vetoes, missing facts, next-star gaps (差距) and
  ``gaps_to(star)`` for any higher star.
- ``what_if(standard, facts, changes) -> Rating``: the rating after changing facts.
- ``rate_batch(standard, frame) -> polars.DataFrame``: star per row, same results as
  ``evaluate``; ``explain.rating_to_dict(rating)`` gives the JSON form.

Nothing here imports Django.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pingxing.rubric.evaluate import (
    ConditionResult,
    LevelResult,
    Rating,
    VetoResult,
    evaluate,
    what_if,
)
from pingxing.rubric.facts import (
    DEFAULT_CONTRACT,
    Derivation,
    FactError,
    Facts,
    FieldSpec,
    UnknownContractError,
    coerce_cells,
    contract_fields,
    contract_name,
    contract_registry,
    contract_version,
    derive_forced,
    validate_facts,
)
from pingxing.rubric.loader import (
    DEFAULT_STANDARD,
    StandardError,
    list_standards,
    load_standard,
    load_standard_file,
    parse_standard,
)
from pingxing.rubric.model import (
    Condition,
    FactUse,
    KindTarget,
    Level,
    Scale,
    Standard,
    StandardInfo,
    Unjudged,
    Veto,
)

if TYPE_CHECKING:
    import polars as pl


def rate_batch(
    standard: Standard, frame: pl.DataFrame, *, with_levels: bool = False
) -> pl.DataFrame:
    """Star per row of a Polars DataFrame of valid facts (Polars is imported lazily)."""
    from pingxing.rubric.batch import rate_batch as _rate_batch

    return _rate_batch(standard, frame, with_levels=with_levels)


__all__ = [
    "DEFAULT_CONTRACT",
    "DEFAULT_STANDARD",
    "Condition",
    "ConditionResult",
    "Derivation",
    "FactError",
    "FactUse",
    "Facts",
    "FieldSpec",
    "KindTarget",
    "Level",
    "LevelResult",
    "Rating",
    "Scale",
    "Standard",
    "StandardError",
    "StandardInfo",
    "UnknownContractError",
    "Unjudged",
    "Veto",
    "VetoResult",
    "coerce_cells",
    "contract_fields",
    "contract_name",
    "contract_registry",
    "contract_version",
    "derive_forced",
    "evaluate",
    "list_standards",
    "load_standard",
    "load_standard_file",
    "parse_standard",
    "rate_batch",
    "validate_facts",
    "what_if",
]
