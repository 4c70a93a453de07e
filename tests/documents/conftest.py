"""Fixtures of the document tests: plain data, no database (samples in doc_samples.py)."""

from __future__ import annotations

import pytest
from doc_samples import BASIS, make_issuer, make_rows

from pingxing.documents.builders import Issuer, ResultRow, results_document


@pytest.fixture
def rows() -> list[ResultRow]:
    return make_rows()


@pytest.fixture
def issuer() -> Issuer:
    return make_issuer()


@pytest.fixture(scope="module")
def results_doc():
    return results_document(year=2010, issuer=make_issuer(), rows=make_rows(), basis=BASIS)
