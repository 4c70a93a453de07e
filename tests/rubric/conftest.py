from __future__ import annotations

import pytest

from pingxing.rubric import Standard, load_standard


@pytest.fixture(scope="session")
def std() -> Standard:
    return load_standard()
