"""The sheet of voting slips for mass representatives (PDF): per slip the organization, the
year, a QR code of the ballot's address and the code to type. The slip names no one: the
organization hands the slips out and records only how many."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape

import segno
from django.urls import reverse

from pingxing.evaluations.models import Evaluation
from pingxing.evaluations.reports import fetch_data_only

SLIPS_PER_PAGE = 8



def _qr(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=3, omitsize=True)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def slips_html(evaluation: Evaluation, codes: Sequence[str], *, base_url: str) -> str:
    voters = "居民代表测评" if evaluation.is_leadership else "党外群众代表测评"
    title = f"{evaluation} · {voters}"
    slips = []
    for code in codes:
        # The code in the fragment: browsers never send it, so no log on the way holds it.
        url = base_url.rstrip("/") + reverse("evaluations:code_ballot") + "#" + code
        slips.append(
            f'<div class="slip"><div class="t">{escape(title)}</div>'
            f'<img src="{_qr(url)}" alt="">'
            f'<div class="how">用手机扫码，或打开 {escape(base_url.rstrip("/") + reverse("evaluations:code_ballot"))} 输入投票码：</div>'
            f'<div class="code">{escape(code)}</div>'
            f'<div class="note">此码只能使用一次，不记名。投票后请保存回执号。</div></div>')
    css = ("@page { size: A4; margin: 10mm; } body { font-family: 'Noto Sans CJK SC', 'Noto Serif CJK SC', sans-serif; }"
           ".grid { display: flex; flex-wrap: wrap; } .slip { box-sizing: border-box; width: 50%; height: 68mm;"
           " border: 1px dashed #999; padding: 4mm; text-align: center; page-break-inside: avoid; }"
           ".t { font-size: 9pt; font-weight: bold; } img { width: 30mm; height: 30mm; margin: 2mm auto; }"
           ".how { font-size: 8pt; } .code { font-family: monospace; font-size: 11pt; font-weight: bold;"
           " letter-spacing: .5pt; margin: 1mm 0; } .note { font-size: 7.5pt; color: #555; }")
    return f'<html lang="zh"><head><meta charset="utf-8"><style>{css}</style></head><body><div class="grid">{"".join(slips)}</div></body></html>'


def slips_pdf(evaluation: Evaluation, codes: Sequence[str], *, base_url: str) -> bytes:
    from weasyprint import HTML

    html = slips_html(evaluation, codes, base_url=base_url)
    pdf: bytes = HTML(string=html, url_fetcher=fetch_data_only).write_pdf()
    return pdf
