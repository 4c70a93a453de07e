"""Sample document data for the document tests: plain data, no database (importable by name,
unlike a conftest, which pytest may shadow with another directory's)."""

from __future__ import annotations

from datetime import date

from pingxing.documents.builders import Issuer, ResultRow

STREETS = ("柯桥街道", "柯岩街道", "华舍街道")
COMMUNITIES = (
    "笛扬", "下市头", "大渡", "鉴湖", "轻纺城", "湖西", "柯东", "州山", "梅墅", "中泽",
    "红木桥", "西官", "东官", "湖塘", "蓝印", "双渎", "瓜渚", "金柯桥", "新民", "联合",
    "前梅", "南池", "九墩", "型塘", "柯北", "溇里", "万商", "福田", "华舍", "文渊",
)
BASIS = "《关于在基层党组织中开展以“评星晋级”为抓手的创先争优活动的意见》（柯桥街工委〔2010〕31号）"


def make_rows() -> list[ResultRow]:
    """30 communities over three streets, with every star and every kind of change."""
    changes = (1, 0, -1, None, 2)
    return [
        ResultRow(
            org=f"{name}社区党总支" if number % 3 else f"{name}社区党委",
            street=STREETS[number % 3],
            star=5 - number % 6,
            change=changes[number % 5],
        )
        for number, name in enumerate(COMMUNITIES)
    ]


def make_issuer(**overrides) -> Issuer:
    fields = {
        "mark": "中共柯桥街道工作委员会文件",
        "name": "中共柯桥街道工作委员会",
        "doc_number": "柯桥街工委〔2011〕5号",
        "date": date(2011, 1, 20),
        "printer": "中共柯桥街道工作委员会办公室",
        "print_date": date(2011, 1, 21),
        "cc": ("县委组织部", "县基层党组织“评星晋级”工作领导小组办公室"),
    }
    return Issuer(**(fields | overrides))
