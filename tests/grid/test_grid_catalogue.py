"""The catalogue of service-case categories: the shipped example loads and is sound, and a
malformed file is refused with a message naming the category and the field. Pure."""

from __future__ import annotations

import pytest

from pingxing.grid.catalogue import (
    CaseType,
    CatalogueError,
    Kind,
    load_catalogue,
    load_catalogue_file,
    parse_catalogue,
)

HEADER = 'id = "t"\nversion = 1\ntitle = "测试目录"\nexample = true\n'
GOOD = {
    "code": '"clutter"', "name": '"乱堆乱放"', "service_code": '"E02"', "group": '"市容环境"',
    "kind": '"event"', "type": '"complaint"', "time_limit_days": "2", "simple": "true",
    "acceptance_conditions": '["有明确地点"]', "closing_conditions": '["已清理"]',
}


def toml(*categories: dict[str, str], header: str = HEADER) -> str:
    blocks = ["[[categories]]\n" + "".join(f"{k} = {v}\n" for k, v in c.items()) for c in categories]
    return header + "\n".join(blocks)


def category(**changes: str | None) -> dict[str, str]:
    fields = {**GOOD, **changes}
    return {k: v for k, v in fields.items() if v is not None}


def test_the_example_catalogue_loads_with_realistic_categories():
    catalogue = load_catalogue()
    assert catalogue.example  # marked for the county to replace
    assert 12 <= len(catalogue.categories) <= 20
    names = {c.name for c in catalogue.categories}
    assert {"占道经营", "乱堆乱放", "路灯损坏", "邻里纠纷", "物业纠纷", "困难求助", "政策咨询",
            "噪声扰民", "违章搭建", "环境卫生", "养老服务需求"} <= names
    assert {c.kind for c in catalogue.categories} == set(Kind)
    assert {CaseType.CONSULTATION, CaseType.HELP, CaseType.COMPLAINT, CaseType.DISPUTE} <= {
        c.type for c in catalogue.categories}


def test_every_category_has_a_positive_time_limit_conditions_and_unique_codes():
    catalogue = load_catalogue("keqiao-example")
    for c in catalogue.categories:
        assert c.time_limit_days > 0, c.code
        assert c.acceptance_conditions and c.closing_conditions, c.code
        assert 0 <= c.refuse_window_hours <= 168, c.code
        assert len(c.code) <= 16
    assert len(set(catalogue.codes)) == len(catalogue.categories)
    assert len({c.service_code for c in catalogue.categories}) == len(catalogue.categories)
    assert any(c.simple for c in catalogue.categories)
    assert any(not c.simple for c in catalogue.categories)


def test_the_refuse_window_defaults_to_the_catalogues_and_may_be_set_per_category():
    catalogue = load_catalogue()
    assert catalogue.category("clutter").refuse_window_hours == 24
    assert catalogue.category("manhole").refuse_window_hours == 2


def test_a_category_reads_as_an_open311_service():
    catalogue = load_catalogue()
    lamp = catalogue.by_service_code("C01")
    assert lamp is not None and lamp.name == "路灯损坏"
    service = lamp.open311()
    assert service["service_code"] == "C01"
    assert service["service_name"] == "路灯损坏"
    assert service["group"] == "城市部件"
    assert service["metadata"] is False
    assert service["type"] == "realtime"


def test_an_unknown_category_code_is_an_error_and_get_returns_none():
    catalogue = load_catalogue()
    assert catalogue.get("nope") is None
    with pytest.raises(CatalogueError, match="nope"):
        catalogue.category("nope")


def test_a_minimal_file_parses():
    catalogue = parse_catalogue(toml(category()))
    assert catalogue.key == "t@1"
    assert catalogue.category("clutter").refuse_window_hours == 24
    assert catalogue.category("clutter").keywords == ()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"time_limit_days": None}, "time_limit_days"),
        ({"time_limit_days": "0"}, "time_limit_days"),
        ({"time_limit_days": "-3"}, "time_limit_days"),
        ({"time_limit_days": '"三天"'}, "time_limit_days"),
        ({"kind": '"thing"'}, "kind"),
        ({"type": '"praise"'}, "type"),
        ({"simple": '"yes"'}, "simple"),
        ({"name": '""'}, "name"),
        ({"service_code": None}, "service_code"),
        ({"acceptance_conditions": "[]"}, "acceptance_conditions"),
        ({"closing_conditions": '"已清理"'}, "closing_conditions"),
        ({"refuse_window_hours": "1000"}, "refuse_window_hours"),
    ],
)
def test_a_malformed_category_names_the_category_and_the_field(changes, field):
    text = toml(category(code='"first"', service_code='"E01"'), category(**changes))
    with pytest.raises(CatalogueError) as error:
        parse_catalogue(text)
    message = str(error.value)
    assert "第2个类别（clutter）" in message
    assert field in message


def test_duplicate_codes_and_bad_codes_are_named():
    with pytest.raises(CatalogueError, match=r"第2个类别（clutter）.*code"):
        parse_catalogue(toml(category(), category(service_code='"E09"')))
    with pytest.raises(CatalogueError, match=r"第2个类别.*service_code"):
        parse_catalogue(toml(category(), category(code='"other"')))
    with pytest.raises(CatalogueError, match="code"):
        parse_catalogue(toml(category(code='"Far_too_long_a_code_here"')))


def test_a_file_that_is_not_a_catalogue_is_refused_clearly():
    with pytest.raises(CatalogueError, match="TOML"):
        parse_catalogue("id = ", name="broken.toml")
    with pytest.raises(CatalogueError, match="没有任何类别"):
        parse_catalogue(HEADER)
    with pytest.raises(CatalogueError, match="version"):
        parse_catalogue(toml(category(), header='id = "t"\ntitle = "x"\n'))
    with pytest.raises(CatalogueError, match="没有名为"):
        load_catalogue("no-such-catalogue")
    with pytest.raises(CatalogueError, match="无效"):
        load_catalogue("../ratings/standards/x")


def test_a_countys_own_file_loads_from_a_path(tmp_path):
    path = tmp_path / "county.toml"
    path.write_text(toml(category()), encoding="utf-8")
    assert load_catalogue_file(path).codes == ("clutter",)
    path.write_text(toml(category(kind='"x"')), encoding="utf-8")
    with pytest.raises(CatalogueError, match="county.toml|clutter"):
        load_catalogue_file(path)
