"""Weak passwords that the old rules let through are refused; good ones and passphrases pass.

The weak corpus is generated from the kinds of passwords attackers guess first (keyboard walks,
dictionary words and names with a year, pinyin words and place names, the user's own name and
organization), each made long and varied enough to satisfy the length and character-class rules,
so it is the strength estimate that must refuse them."""

from __future__ import annotations

import itertools
import random
import secrets

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from factories import PASSWORD, make_community, make_county, make_street, make_user
from pingxing.accounts.passwords import character_classes

pytestmark = pytest.mark.django_db

WALKS = [
    "1qaz2wsx3edc", "1qaz@WSX3edc", "!QAZ2wsx#EDC", "zaq1@WSX3edc", "qwertyuiop", "Qwer1234!@#$",
    "asdfghjkl;", "Asdf1234!@#$", "zxcvbnm,./", "1q2w3e4r5t6y", "qazwsxedcrfv", "Qweasdzxc123",
    "poiuytrewq", "1234qwerasdf", "!@#$QWERasdf", "qwe123QWE!@#", "1qazxsw23edc", "mnbvcxz123",
]
ENGLISH = ["password", "welcome", "admin", "county", "office", "sunshine", "dragon", "monkey",
           "football", "iloveyou", "master", "shadow", "princess", "superman", "computer", "summer"]
PINYIN = ["zhongguo", "beijing", "dangyuan", "keqiao", "shaoxing", "woaini", "zhonghua", "dangjian",
          "shequ", "jiedao", "xianfeng", "huashe", "pingan", "xingfu", "gongchandang", "hangzhou"]
NAMES = ["wangxiu", "zhangwei", "liuyang", "chenjing", "lihua", "zhaolei", "wangfang", "liqiang",
         "zhoumin", "huangying", "xulei", "sunli", "yangjie", "wuhao", "zhujun", "linhui"]
YEARS = [str(y) for y in range(1950, 2027)]
SUFFIX_SYMBOLS = ["!", "@", "#", ".", "*", "!@#", "@@", "_", "-", "&"]


def _leet(word: str) -> str:
    return word.replace("a", "@").replace("o", "0").replace("s", "$").replace("i", "1")


def _decorate(word: str, rng: random.Random) -> str:
    form = rng.choice([word.capitalize(), word.upper(), _leet(word.capitalize()), word.capitalize()])
    year = rng.choice(YEARS + ["123", "1234", "123456", "888", "666", "520", "0612"])
    symbol = rng.choice(SUFFIX_SYMBOLS)
    shape = rng.choice(["{w}{s}{y}", "{w}{y}{s}", "{s}{w}{y}", "{w}{s}{y}{s}", "{y}{w}{s}", "{w}-{y}"])
    return shape.format(w=form, s=symbol, y=year)


def _old_rules_accept(password: str) -> bool:
    """What was accepted before this issue: 12+ characters of three classes."""
    return len(password) >= 12 and character_classes(password) >= 3


def weak_corpus(user_words: list[str], size: int = 1200) -> list[str]:
    rng = random.Random(9)
    found: dict[str, None] = {}
    for walk in WALKS:  # keyboard walks, as typed and with a symbol or digits added
        for extra in ["", "!", "@", "#", "123", "!@#", "2024"]:
            found[(walk + extra)[:16]] = None
            found[walk.capitalize() + extra] = None
    words = ENGLISH + PINYIN + NAMES + user_words
    while len(found) < size * 3:
        found[_decorate(rng.choice(words), rng)] = None
    for a, b in itertools.product(["Wang", "Zhang", "Li", "Liu", "Chen"], ["Xiu", "Wei", "Fang", "Min"]):
        found[f"{a}{b.lower()}!{rng.choice(YEARS)}"] = None  # Wangxiu!1985
    accepted_before = [p for p in found if _old_rules_accept(p)]
    rng.shuffle(accepted_before)
    return accepted_before[:size]


WORDS = ["violet", "harbor", "cactus", "lantern", "pebble", "orbit", "meadow", "walnut", "copper",
         "glacier", "thimble", "saffron", "quartz", "falcon", "juniper", "tundra", "marble", "velvet",
         "nectar", "cobalt", "ember", "fjord", "hazel", "indigo", "kettle", "lotus", "mosaic", "oyster"]
HANZI = ("山水风云花草树木日月星辰春夏秋冬江河湖海桥路门窗茶酒书画琴棋鸟鱼虫马牛羊"
         "红黄蓝绿白黑金银铜铁石玉竹松梅兰菊雨雪霜露灯火船车钟鼓笔墨纸砚")


def good_list() -> list[str]:
    rng = random.Random(2010)
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    good: list[str] = []
    while len(good) < 15:  # as a password manager makes them: three classes at least
        candidate = "".join(rng.choice(alphabet) for _ in range(14))
        if character_classes(candidate) >= 3:
            good.append(candidate)
    good += ["".join(rng.choice(alphabet + "!#%&*+=?") for _ in range(16)) for _ in range(5)]
    good += [rng.choice(["-", " ", ".", "_"]).join(rng.sample(WORDS, 4)) for _ in range(15)]
    good += ["".join(rng.choice(HANZI) for _ in range(rng.randint(9, 12))) for _ in range(10)]
    good += ["去年冬天外婆在院子里种下三棵橘子树", "傍晚的河面上漂着两只没人要的纸船",
             "楼下那只灰猫总是偷吃隔壁的鱼干", "my grandmother keeps bees behind the old mill",
             "Seven purple umbrellas waited patiently at Huashe bus stop"]
    return good


@pytest.fixture
def user():
    street = make_street(parent=make_county(), name="柯桥街道党工委")
    org = make_community(parent=street, name="湖塘社区党支部")
    account = make_user(role="secretary", organization=org, username="wangxy")
    account.display_name = "王秀英"
    account.save()
    return account


def _refusal(password: str, user) -> set[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


def test_a_thousand_weak_passwords_the_old_rules_accepted_are_all_refused(user):
    corpus = weak_corpus(["wangxy", "Wangxiuying", "wxy", "hutang", "Xiuying"])
    assert len(corpus) >= 1000
    assert all(_old_rules_accept(p) for p in corpus)
    accepted = [p for p in corpus if not _refusal(p, user)]
    assert accepted == []


@pytest.mark.parametrize("password", ["P@ssw0rd2024", "1qaz@WSX3edc", "Wangxiu!1985", "County@2010#"])
def test_the_passwords_of_the_report_are_refused_for_being_guessable(password, user):
    assert "password_too_guessable" in _refusal(password, user)


def test_fifty_good_passwords_and_passphrases_are_all_accepted(user):
    good = good_list()
    assert len(good) >= 50
    refused = {p: _refusal(p, user) for p in good if _refusal(p, user)}
    assert refused == {}


def test_a_chinese_sentence_needs_no_character_classes_but_a_famous_phrase_is_refused(user):
    assert _refusal("去年冬天外婆在院子里种下三棵橘子树", user) == set()
    assert "password_too_guessable" in _refusal("我爱北京天安门我爱中华人民共和国", user)


def test_the_users_own_name_and_organization_are_refused_in_pinyin(user):
    assert "password_too_guessable" in _refusal("Wangxiuying@1985", user)
    assert "password_too_guessable" in _refusal("Hutang#Shequ2010", user)


def test_the_message_says_why_in_chinese(user):
    with pytest.raises(ValidationError) as caught:
        validate_password("1qaz@WSX3edc", user)
    message = " ".join(caught.value.messages)
    assert "键盘上相邻的按键" in message
    with pytest.raises(ValidationError) as caught:
        validate_password("Wangxiuying@1985", user)
    message = " ".join(caught.value.messages)
    assert "姓名" in message and "年份" in message


def test_every_temporary_password_passes_the_policy(user):
    from pingxing.accounts.passwords import temporary_password

    for _ in range(20):
        assert _refusal(temporary_password(user), user) == set()


def test_changing_to_a_guessable_password_is_refused_on_the_page(client, user):
    client.force_login(user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "Zhongguo@2024!", "new_password2": "Zhongguo@2024!",
    })
    assert response.status_code == 200
    assert "密码太容易被猜到" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    strong = secrets.token_urlsafe(12) + "-Kq7"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": strong, "new_password2": strong,
    })
    assert response.status_code == 302
