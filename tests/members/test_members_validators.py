"""ID numbers (GB 11643 check digit) and mobile numbers — pure, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from pingxing.members.models import mask_id_number, mask_phone
from pingxing.members.validators import (
    id_birth_date,
    id_check_char,
    id_gender,
    id_number_error,
    identity_errors,
    phone_error,
)


def test_the_check_character_matches_the_published_example():
    # The worked example of GB 11643-1999: 11010519491231002X.
    assert id_check_char("11010519491231002") == "X"
    assert id_number_error("11010519491231002X") is None
    assert id_number_error("11010519491231002x") is None


@pytest.mark.parametrize("bad", ["110105194912310021", "11010519491231002", "1101051949123100XX",
                                 "110105194913310029", "", "abcdefghijklmnopqr"])
def test_wrong_id_numbers_are_refused(bad):
    assert id_number_error(bad) is not None


def test_a_wrong_check_digit_is_named_as_such():
    assert "校验位" in id_number_error("110105194912310021")


@pytest.mark.parametrize(("phone", "ok"), [("13912345678", True), ("", True), ("1391234567", False),
                                            ("23912345678", False), ("139-1234-567", False)])
def test_mobile_numbers_have_eleven_digits(phone, ok):
    assert (phone_error(phone) is None) is ok


def test_masks_show_only_the_ends():
    assert mask_id_number("330621197001010011") == "3306**********0011"
    assert mask_phone("13812345678") == "138****5678"


def test_the_id_number_states_birth_date_and_gender():
    # GB 11643: digits 7–14 are the birth date, digit 17 odd is a man, even a woman.
    assert id_birth_date("11010519491231002X") == dt.date(1949, 12, 31)
    assert id_gender("11010519491231002X") == "F"  # digit 17 is 2
    assert id_gender("110105194912310011") == "M"  # digit 17 is 1
    assert id_birth_date("bad") is None and id_gender("bad") is None


def test_values_that_contradict_the_id_number_are_named_by_field():
    assert identity_errors("11010519491231002X", dt.date(1949, 12, 31), "F") == {}
    errors = identity_errors("11010519491231002X", dt.date(1950, 1, 1), "M")
    assert set(errors) == {"birth_date", "gender"}
    assert "1949-12-31" in errors["birth_date"] and "女" in errors["gender"]
    assert identity_errors("11010519491231002X", None, "") == {}  # empty: to be filled in
