"""Uploaded file names: shortened with their extension kept; stored under a random name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pingxing.core.files import shortened_name, stored_name


def test_a_long_name_keeps_its_extension():
    name = "材料" * 150 + ".docx"
    short = shortened_name(name, 200)
    assert len(short) == 200 and short.endswith(".docx")


def test_folders_of_the_uploading_computer_are_dropped():
    assert shortened_name("C:\\Users\\书记\\桌面\\照片.JPG", 200) == "照片.JPG"
    assert shortened_name("../../etc/passwd", 200) == "passwd"


def test_the_stored_name_is_random_with_the_lower_case_extension():
    a, b = stored_name("照片.JPG"), stored_name("照片.JPG")
    assert a != b and a.endswith(".jpg") and "照片" not in a
    assert "." not in stored_name("no-extension")


@given(st.text(min_size=1, max_size=400), st.integers(min_value=12, max_value=255))
def test_a_shortened_name_never_exceeds_the_limit(name, limit):
    assert len(shortened_name(name, limit)) <= limit
