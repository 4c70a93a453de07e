"""How many guesses a password would take, as an attacker in China would guess (pure; no Django).

zxcvbn estimates guesses from the patterns it finds (dictionary words, names, keyboard walks,
dates, sequences, repeats, l33t). On top of its English lists we give it what a Chinese
attacker's dictionary holds: pinyin words (zhongguo, beijing, dangyuan…), surnames, every
pinyin syllable, the county's place names, lucky numbers (5201314, 888888); and the user's own
username, name and organization with their pinyin. Two more ways of reading a password:

- Chinese characters are read as the pinyin an attacker would type them as (我爱北京 → woaibeijing);
- symbols are taken out and paid for separately (Zhongguo@2024! is "zhongguo2024" plus two
  symbols at the edges of its parts), because guessing rules add them to words that way.

The weakest reading decides.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from pypinyin import Style, lazy_pinyin
from pypinyin.contrib.tone_convert import to_normal
from pypinyin.pinyin_dict import pinyin_dict
from zxcvbn import matching, zxcvbn

# zxcvbn refuses longer input; a 72-character prefix that is strong makes the whole strong.
ESTIMATE_PREFIX = 72
# Printable ASCII symbols (and the space), taken out of the second reading.
SYMBOLS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ "
# Guessing rules insert a few favourite ones (! @ # . - _ * & $ % space…): an attacker tries
# about this many per place.
SYMBOL_CHOICES = 12

# Pinyin words and phrases of passwords seen in Chinese leaks, and of this field of work.
PINYIN_WORDS = (
    "woaini", "aini", "woai", "zhongguo", "beijing", "shanghai", "zhonghua", "renmin", "gongheguo",
    "zhonghuarenmingongheguo", "tiananmen", "woaibeijingtiananmen", "wansui", "aiguo", "dangyuan",
    "gongchandang", "zhongguogongchandang", "dangjian", "dangwei", "dangzhibu", "zhibu", "shuji",
    "zuzhi", "zuzhibu", "xianfeng", "mofan", "chuangxian", "zhengyou", "pingxing", "jinji", "xingji",
    "shequ", "jiedao", "juweihui", "cunweihui", "wangge", "zhiyuanzhe", "fuwu", "renmin", "weirenminfuwu",
    "xingfu", "kuaile", "pingan", "jiankang", "fada", "shunli", "facai", "meili", "aiqing", "baobei",
    "qinai", "laopo", "laogong", "mima", "zhanghao", "denglu", "guanliyuan", "yonghu", "ceshi",
    "nihao", "xiexie", "huanying", "tiantian", "xiangshang", "haohaoxuexi", "xuexi", "gongzuo",
    "laoshi", "xuesheng", "pengyou", "jiaren", "mama", "baba", "gege", "jiejie", "meimei", "didi",
    "zhongguoren", "huaxia", "changcheng", "huanghe", "changjiang", "taiyang", "yueliang", "xingxing",
    "chunjie", "guoqing", "zhongqiu", "qixi", "longnian", "shengri", "kuaile", "wuxing", "hongqi",
    "guohui", "guoge", "dangzhang", "jiandang", "qiyi", "bayi", "shiyi", "wusi", "zhejiang", "hangzhou",
    "shaoxing", "shaoxingxian", "keqiao", "keqiaojiedao", "huashe", "qixian", "anchang", "qianqing",
    "yangxunqiao", "fuquan", "lanting", "lizhu", "pingshui", "wangtan", "jidong", "xialv", "sunduan",
    "taoyan", "fusheng", "maan", "hutang", "dongpu", "keyan", "jianhu", "luxun", "yuewang", "goujian",
    "wangxizhi", "xianheng", "huangjiu", "qingfang", "fangzhi", "qinggangcheng", "shuxiang",
)
# The most common surnames (百家姓 by population), and given-name syllables common in names.
SURNAMES = (
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma",
    "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han",
    "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "yuan", "pan", "yu", "jiang", "cai",
    "jia", "ding", "wei", "xue", "ye", "yan", "lu", "du", "dai", "fu", "cheng", "shen", "ren", "yao",
    "fan", "fang", "jin", "qian", "shi", "tan", "zou", "xiong", "meng", "qin", "bai", "kong", "mao",
    "qiu", "hou", "shao", "wan", "duan", "lei", "qian", "tao", "hao", "gu", "long", "wen", "kang",
    "ouyang", "sima", "zhuge", "shangguan",
)
GIVEN_NAMES = (
    "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie",
    "juan", "tao", "ming", "chao", "xiu", "xia", "ping", "gang", "gui", "hua", "hong", "ying", "hui",
    "lan", "mei", "fei", "bin", "bo", "hao", "yu", "xin", "yi", "ning", "dan", "ling", "qing", "xiuying",
    "xiuzhen", "xiulan", "guiying", "guilan", "yulan", "yumei", "haiyan", "jianhua", "jianguo",
    "jianjun", "zhiqiang", "zhiming", "xiaoming", "xiaohong", "xiaoli", "xiaoyan", "xiaojun", "lihua",
    "guoqiang", "weiguo", "aiguo", "jianping", "haitao", "dongmei", "chunmei", "yuxuan", "zihan",
    "haoran", "yichen", "zixuan", "xinyi", "yuting", "siyu", "wenjie", "junjie", "tingting", "lili",
)
LUCKY_NUMBERS = (
    "5201314", "1314520", "520", "1314", "521", "888888", "666666", "168168", "518518", "88888888",
    "66666666", "147258", "147258369", "159357", "123321", "654321", "110", "119", "12345", "9527",
)


@dataclass(frozen=True)
class Reading:
    guesses_log10: float
    # zxcvbn's pattern names, with the dictionary's name for a word ("chinese_names", "user_inputs").
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Estimate:
    readings: tuple[Reading, ...]  # weakest first

    @property
    def guesses_log10(self) -> float:
        return self.readings[0].guesses_log10

    def patterns_below(self, log10: float) -> tuple[str, ...]:
        """The patterns of every reading weaker than `log10` guesses: what to tell the user."""
        return tuple(p for r in self.readings if r.guesses_log10 < log10 for p in r.patterns)


@cache
def _syllables() -> tuple[str, ...]:
    found = {to_normal(p) for value in pinyin_dict.values() for p in value.split(",")}
    return tuple(sorted(s for s in found if s.isascii() and s.isalpha()))


_installed = False
_lock = threading.Lock()  # zxcvbn keeps the user inputs in a module-level dictionary


def _install_dictionaries() -> None:
    global _installed
    if _installed:
        return
    matching.add_frequency_lists({
        "chinese_words": list(dict.fromkeys(PINYIN_WORDS)),
        "chinese_names": list(dict.fromkeys(SURNAMES + GIVEN_NAMES)),
        "pinyin_syllables": list(_syllables()),
        "lucky_numbers": list(LUCKY_NUMBERS),
    })
    _installed = True


def chinese_count(text: str) -> int:
    return sum(1 for c in text if _is_cjk(c))


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def pinyin_variants(text: str) -> list[str]:
    """What a Chinese name or phrase becomes when typed in Latin letters: full pinyin,
    initials, surname + given name, given name alone (王秀英 → wangxiuying, wxy, xiuying)."""
    if not text or chinese_count(text) == 0:
        return []
    syllables = [s for s in lazy_pinyin(text) if s.isascii() and s.isalpha()]
    initials = [s[0] for s in lazy_pinyin(text, style=Style.FIRST_LETTER) if s.isascii() and s.isalpha()]
    variants = ["".join(syllables), "".join(initials)]
    if len(syllables) >= 2:
        variants += ["".join(syllables[1:]), syllables[0] + "".join(initials[1:])]
    variants += syllables
    return [v for v in dict.fromkeys(variants) if v]


def user_words(values: Iterable[str]) -> list[str]:
    """The words of a user's own data an attacker tries first: each value, its parts, its pinyin."""
    words: list[str] = []
    for value in values:
        value = (value or "").strip().lower()
        if not value:
            continue
        words.append(value)
        words += [part for part in re.split(r"[\s_.@\-]+|\d+", value) if len(part) >= 2]
        words += pinyin_variants(value)
    return list(dict.fromkeys(words))


def _transliterate(password: str) -> str:
    """Chinese characters as the pinyin they would be typed with; everything else kept."""
    if chinese_count(password) == 0:
        return password
    return "".join(lazy_pinyin(password, errors=lambda chars: list(chars)))


# A run of symbols typed as one unit: the shifted digit row (!@#, !@#$%), or one symbol repeated.
SHIFTED_DIGITS = "!@#$%^&*()"
COMMON_RUN_CHOICES = 20
# Symbols standing for a letter inside a word (P@ssw0rd, Wuh@0, $unny).
LEET_SYMBOLS = {"@": "a", "$": "s", "!": "i", "|": "l", "+": "t"}
# US keyboard: each shifted character and the key it is typed with.
UNSHIFT = dict(zip("~!@#$%^&*()_+{}|:\"<>?", "`1234567890-=[]\\;',./", strict=True))


def _boundaries(text: str) -> int:
    """Places a guessing rule inserts something: both ends and each letter/digit boundary."""
    return 2 + sum(1 for a, b in zip(text, text[1:], strict=False) if a.isdigit() != b.isdigit())


def _run_cost(run: str, places: int) -> float:
    if run in SHIFTED_DIGITS or len(set(run)) == 1:
        return math.log10(COMMON_RUN_CHOICES * places)
    return len(run) * math.log10(SYMBOL_CHOICES * places)


def _desymbolled(typed: str) -> tuple[str, float]:
    """`typed` with symbols standing for letters read as the letters, and every other run of
    symbols taken out; with the log10 of the guesses to put them back."""
    chars = list(typed)
    cost = 0.0
    for i in range(1, len(chars) - 1):
        if chars[i] in LEET_SYMBOLS and chars[i - 1].isalnum() and chars[i + 1].isalnum():
            chars[i] = LEET_SYMBOLS[chars[i]]
            cost += math.log10(2)
    runs = [r for r in re.findall(r"[^0-9A-Za-z]+", "".join(chars)) if all(c in SYMBOLS for c in r)]
    stripped = "".join(c for c in chars if c not in SYMBOLS).lower()
    places = _boundaries(stripped)
    for i, run in enumerate(runs):
        # The same run again (!@#…!@#, @@…@@) is a choice of place only.
        cost += math.log10(places) if run in runs[:i] else _run_cost(run, places)
    return stripped, cost


def _unshifted(typed: str) -> tuple[str, float]:
    """`typed` as the keys pressed (1qaz@WSX → 1qaz2wsx), with the log10 of the guesses of
    where shift was held."""
    shifted = [c.isupper() or c in UNSHIFT for c in typed]
    starts = [i for i, on in enumerate(shifted) if on and (i == 0 or not shifted[i - 1])]
    keys = "".join(UNSHIFT.get(c, c) for c in typed).lower()
    # A capital first letter is the first thing tried; any other run starts anywhere.
    return keys, sum(math.log10(2) if i == 0 else math.log10(len(typed) + 1) for i in starts)


def _zxcvbn(text: str, inputs: Sequence[str]) -> tuple[float, tuple[str, ...]]:
    result: dict[str, Any] = zxcvbn(text[:ESTIMATE_PREFIX], user_inputs=list(inputs))
    patterns = tuple(
        str(m.get("dictionary_name") or m["pattern"]) + ("+l33t" if m.get("l33t") else "")
        for m in result["sequence"]
    )
    return float(result["guesses_log10"]), patterns


def estimate(password: str, inputs: Sequence[str] = ()) -> Estimate:
    """The guesses (log10) of the weakest of three readings of `password`: as typed, as the
    keys pressed without shift, and without its symbols."""
    words = user_words(inputs)
    typed = _transliterate(password)
    variants = [(typed, 0.0), _unshifted(typed), _desymbolled(typed)]
    readings: list[Reading] = []
    with _lock:
        _install_dictionaries()
        for text, cost in dict.fromkeys(variants):
            if text:
                log10, patterns = _zxcvbn(text, words)
                readings.append(Reading(log10 + cost, patterns))
    return Estimate(tuple(sorted(readings, key=lambda r: r.guesses_log10)))


# What to tell the user, weakest pattern first: (pattern prefix, message key).
REASONS = (
    ("user_inputs", "personal"),
    ("spatial", "keyboard"),
    ("chinese_names", "names"),
    ("chinese_words", "pinyin"),
    ("lucky_numbers", "pinyin"),
    ("passwords", "common"),
    ("date", "dates"),
    ("regex", "dates"),
    ("sequence", "sequence"),
    ("repeat", "repeat"),
    ("english_wikipedia", "words"),
    ("us_tv_and_film", "words"),
    ("surnames", "names"),
    ("male_names", "names"),
    ("female_names", "names"),
    ("pinyin_syllables", "pinyin"),
)


def reasons(patterns: Sequence[str]) -> list[str]:
    """Message keys of what made a password guessable, in the order of REASONS."""
    found = []
    for prefix, key in REASONS:
        if any(p.startswith(prefix) for p in patterns) and key not in found:
            found.append(key)
    if any(p.endswith("+l33t") for p in patterns):
        found.append("l33t")
    return found
