"""Official documents (公文) laid out per GB/T 9704-2012: plain dataclasses in, bytes out.

Pure Python, no Django import, so that it is tested without a database::

    doc = results_document(year=2010, issuer=Issuer(...), rows=[...])
    pdf, docx = render_pdf(doc), render_docx(doc)
"""

from __future__ import annotations

from .builders import Issuer, ResultRow, StarMove, results_document, year_end_report_document
from .model import Heading, OfficialDocument, Paragraph, Table
from .to_docx import render_docx
from .to_pdf import render_pdf

__all__ = [
    "Heading",
    "Issuer",
    "OfficialDocument",
    "Paragraph",
    "ResultRow",
    "StarMove",
    "Table",
    "render_docx",
    "render_pdf",
    "results_document",
    "year_end_report_document",
]
