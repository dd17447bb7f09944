"""Find the figures a Chinese announcement states, with the words a facts file needs.

A figure is a number with its unit — %, 个百分点, 倍, a scale and measure word (551.4亿美元,
6.3万家, 320万人次) — and the qualifier beside it (近, 约, 超过, 逾 before it; 以上, 左右
after). 同比增长5.2% is a growth figure with its basis, 下降 a fall, 排名第一 a rank. Years
(2023年), dates (8月21日), durations (3年, 5天), ordinals (第3批), list numbers and numbers in
names (5G, “十四五”, 《…20条》) are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from .. import qualifiers
from .figures import Found, clip, inside, quoted_spans

NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.\-/:])(?<!\d,)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d)"
    r"(?![.,/:]\d)"
)
CURRENCIES = "亿美元|万美元|美元|欧元|港元|日元|英镑|元"
MEASURES = (
    "平方公里|平方千米|平方米|公顷|千瓦时|千瓦|立方米|标准箱|标箱|吨标准煤|人次|架次|辆次|艘次|"
    "户次|件次|公里|千米|千克|公斤|吨|斤|亩|米|升|人|家|个|项|件|次|户|座|所|台|辆|套|条|部|名|"
    "位|例|批|类|种|宗|笔|份|单|场|架|艘|列|处|栋|间|张|本|册|首|篇|支|只|头|株|棵|床|GB|TB|"
    "TEU|MW|GW|kW|省|市|县|国"
)
_AFTER = re.compile(
    r"^(?P<more>[多余])?"
    r"(?:(?P<pct>%|％)|(?P<pp>个百分点)|(?P<times>倍)"
    rf"|(?P<scale>万亿|亿|万|千)?(?P<more2>[多余])?(?P<cur>{CURRENCIES})"
    rf"|(?P<scale2>万亿|亿|万|千)?(?P<more3>[多余])?(?P<measure>{MEASURES})"
    r"|(?P<bare>万亿|亿|万))"
)
SIGNED = {"growth", "points", "change"}
# A figure listed after another: "10.6%和", "34.6万亿元和", "4.6和".
_LISTED = re.compile(r"\d(?:\.\d+)?[^\d，。；,;]{0,5}\s*(?:和|、|与|及)$")
_SHARED = re.compile(r"^(?:和|、|与|及|或)\d+(?:\.\d+)?(?=\D)")
_TIME = re.compile(r"^(?:[多余])?(?:年|个月|月|日|号|天|小时|分钟|秒|周|季度|岁|周岁|时|点|届)")
_RISE = "同比增长|增长|增加|提高|上升|上涨|回升|扩大|增|涨|提升|多|快"
_FALL = "同比下降|下降|减少|降低|回落|下滑|下跌|收窄|缩小|降|减|少|慢"
_CHANGE = re.compile(rf"(?P<fall>{_FALL})了?$|(?P<rise>{_RISE})了?$")
_BASES = (
    (re.compile(r"[两三四五六七八九十\d]+年平均"), ""),  # 两年平均增长: said in words, below
    (
        re.compile(r"同比|比上年同期|较上年同期|比去年同期|较去年同期|比上年|较上年|比去年|较去年"),
        "year-on-year",
    ),
    (re.compile(r"环比"), "month-on-month"),
    (re.compile(r"年均|年平均"), "average-annual"),
)
_SINCE = re.compile(r"(?:比|较)(\d{4}年(?:末|底)?)")
_RANK = re.compile(
    r"(?:排名|排在|排|位居|位列|名列|居|列)[^，。；,;\d]{0,8}?"
    r"(?:第\s*(?P<n>[一二三四五六七八九十]|\d+)\s*(?:位|名)?|(?P<top>首位|榜首))"
)
ZH_DIGITS = "一二三四五六七八九十"
_YEAR = r"\d{4}年"
_PERIODS = (
    re.compile(
        rf"{_YEAR}(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?\s*(?:至|到|—|－|-|~)\s*(?:{_YEAR})?"
        r"(?:\d{1,2}月(?:\d{1,2}日)?(?:底|末)?)?"
    ),
    re.compile(
        rf"(?:{_YEAR})?(?:上半年|下半年|前三季度|第?[一二三四]季度|\d{{1,2}}[-—－~至]\d{{1,2}}月|"
        r"前\d{1,2}个月|全年)"
    ),
    re.compile(rf"截至(?:{_YEAR})?\d{{1,2}}月(?:\d{{1,2}}日)?(?:底|末)?|截至{_YEAR}(?:底|末)?"),
    re.compile(rf"{_YEAR}(?:\d{{1,2}}月)?"),
)
# What a change is measured against, left at the end of a label: 比2019年, 较上年同期.
_COMPARED = re.compile(r"(?:比|较)(?:上年|去年|\d{4}年)?(?:同期)?(?:相比)?$")
# How a change is averaged or measured, left at the end of a label: 两年平均, 年均, 实际.
_AVERAGED = re.compile(r"(?:(?:[两三四五六七八九十\d]+年)?平均|年均|实际|名义)$")
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
_CLAUSE = re.compile(r"[，,；;：:、（）()]")
_LEAD = re.compile(
    r"^(?:其中|同时|此外|另外|全年|今年以来|目前|截至目前|截至|累计|共|共计|合计|全市|新增)?"
)
_TRAIL = re.compile(
    r"(?:达到|达|为|是|有|共计|合计|累计|共|完成|实现|超过|突破|的|占|占比|同比|环比|比上年|"
    r"较上年|比去年|较去年|了|约|近|逾|超|分别|均|各)+$"
)


def in_paragraph(para: str, number: int) -> Iterator[Found]:
    """Yield every figure stated in paragraph ``number``, ``para``."""
    quoted = quoted_spans(para)
    start = 0
    subject = ""  # what the last figure counted: the subject of a clause that has none
    for end in [m.start() for m in _SENTENCE_END.finditer(para)] + [len(para)]:
        sentence = para[start:end]
        if sentence:
            opening = para[:start]
            last: Found | None = None
            for m in NUMBER.finditer(sentence):
                if inside(quoted, start + m.start()):
                    continue
                found = _figure(sentence, m, number, opening)
                if found is None:
                    continue
                if last is not None and _LISTED.search(sentence[: m.start()]):
                    found = _listed(found, last, "分别" in sentence)
                if not found.label and subject and found.kind in SIGNED:
                    found = replace(found, label=subject, short=subject)  # 总值…，同比增长5.6%
                elif not found.label:
                    found = replace(
                        found, label="数值", note=_join(found.note, "write what it counts")
                    )
                subject, last = found.label, found
                yield found
            for m in _RANK.finditer(sentence):
                yield _rank(sentence, m, number, opening)
        start = end


def _figure(sentence: str, m: re.Match[str], para: int, opening: str) -> Found | None:
    digits = m.group(1).replace(",", "")
    before, after = sentence[: m.start()], sentence[m.end() :]
    if _not_a_figure(digits, before, after):
        return None
    shape = _AFTER.match(after)
    shared = _SHARED.match(after) if shape is None else None
    if shared:  # 4.6和3.1个百分点: the unit written once, after the last number
        shape = _AFTER.match(after[shared.end() :])
    if shape is None:
        return None  # a bare number: a code, a name, a number in a list of words
    unit, kind, note = "", "", ""
    more = shape.group("more") or shape.group("more2") or shape.group("more3")
    if shape.group("pct"):
        unit = "%"
    elif shape.group("pp"):
        unit, kind = "pp", "points"
    elif shape.group("times"):
        unit, kind = "times", "multiple"
    elif shape.group("cur"):
        unit = (shape.group("scale") or "") + shape.group("cur")
    elif shape.group("measure"):
        unit = (shape.group("scale2") or "") + shape.group("measure")
    else:
        unit = shape.group("bare")
    tail = after[(shared.end() if shared else 0) + shape.end() :]
    qualifier, before = _qualifier(before)
    if more and not qualifier:  # 1270多万人, 9400余场: more than
        qualifier = more
    after_word = re.match(r"^(以上|以下|左右)", tail)
    if after_word and not qualifier:
        qualifier = after_word.group(1)
        tail = tail[after_word.end() :]
    value, basis = digits, ""
    change = _CHANGE.search(before)
    clause = _CLAUSE.split(before)[-1]
    if change and not (unit in {"%", "pp"} or kind) and _basis(clause):
        kind = "change"  # 比上年减少162万吨: a change in the figure's own unit
    if change and (unit in {"%", "pp"} or kind):
        if change.group("fall"):
            value = "-" + digits
        kind = kind or "growth"
        basis = _basis(sentence[: m.start()])
        if not basis and kind == "growth":
            basis = "（未说明比较基期）"
            note = "the text does not say what the change is measured against: set basis"
        before = before[: change.start()]
        if not qualifier:
            qualifier, before = _qualifier(before)
    label = _label(before, tail)
    return Found(
        value=value,
        unit=unit,
        para=para,
        quote=_quote(sentence, m.start(), m.end()),
        label=label,
        short=label if len(label) <= 12 else "",
        qualifier=qualifier,
        kind=kind,
        basis=basis,
        period=period_of(sentence[: m.start()], opening + sentence[: m.start()]),
        note=note,
        as_written=_plain_large(digits, unit, kind),
    )


def _plain_large(digits: str, unit: str, kind: str) -> bool:
    """True for a count or amount of 10,000 or more the source writes in plain digits
    (13726元): the deck keeps that form instead of 1.3726万元."""
    whole = digits.lstrip("-").split(".")[0]
    return len(whole) >= 5 and kind in {"", "change"} and not re.match(r"[万亿]", unit)


def _listed(found: Found, last: Found, each: bool) -> Found:
    """Return a figure listed after another in one clause (同比分别增长10.6%和9.1%) as
    the same kind of figure, about the same thing."""
    if found.unit == last.unit and last.kind in SIGNED and not found.kind:
        sign = "-" if last.value.startswith("-") else ""
        found = replace(found, kind=last.kind, basis=last.basis, value=sign + found.value)
    if each or not found.label:
        note = "the text lists several figures together (分别): say which one this is"
        found = replace(found, label=last.label, short=last.short, note=_join(found.note, note))
    return found


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _not_a_figure(digits: str, before: str, after: str) -> bool:
    """True for a year, a date, a duration, an ordinal, a list number or part of a name."""
    if _TIME.match(after):
        return True
    if re.match(r"0\d", digits):  # 0739, 06: a code or a number cut from its digits
        return True
    if re.match(r"^\s*[-—－~至到]\s*\d+\s*(?:年|月|日)", after):  # 2020-2023年, 1-10月
        return True
    if re.match(r"^[A-Za-z]", after) and not re.match(rf"^(?:{MEASURES})", after):
        return True  # 5G, 3D
    if before.endswith("第") or re.search(r"第\s*$", before):
        return True
    if not before.strip() and re.match(r"^[.)、．]", after):
        return True
    if re.search(r"[（(]\s*$", before) and re.match(r"^[)）]", after):
        return True
    return False


def _qualifier(before: str) -> tuple[str, str]:
    """Return the qualifier right before the number (longest first) and what precedes it."""
    for word in sorted(qualifiers.ZH, key=len, reverse=True):
        if word in qualifiers.AFTER or word == "达":
            continue
        if before.endswith(word):
            rest = before[: -len(word)]
            if word in {"近", "超"} and rest.endswith(("最", "附", "接", "将")):
                continue
            return word, rest
    return "", before


def _basis(text: str) -> str:
    since = _SINCE.search(text)
    for pattern, basis in _BASES:
        found = pattern.search(text)
        if found:
            return basis or found.group()
    if since:
        return f"比{since.group(1)}"
    return ""


def period_of(sentence: str, paragraph: str) -> str:
    """Return the period stated in the sentence before the figure, else earlier in its
    paragraph: 2020年至2023年6月, 2023年上半年, 截至2023年6月底, 2023年."""
    for text in (sentence, paragraph):
        for pattern in _PERIODS:
            found = pattern.findall(text)
            if found:
                return found[-1]
    return ""


def _label(before: str, tail: str) -> str:
    """Return what the figure counts: the clause's words before it, minus verbs and period,
    or (when the clause starts with the figure) the words after it."""
    head = _CLAUSE.split(before)[-1]
    for pattern in _PERIODS:
        head = pattern.sub("", head)
    head = _AVERAGED.sub("", head.strip())
    head = _TRAIL.sub("", _LEAD.sub("", head))
    head = _COMPARED.sub("", head)
    if len(head) >= 2:
        return clip(head, 24, "")
    rest = _CLAUSE.split(tail)[0].lstrip("的").rstrip("。！？")
    rest = re.split(r"[。！？]", rest)[0]
    if len(rest) >= 2:
        return clip(rest, 24, "")
    return ""


def _rank(sentence: str, m: re.Match[str], para: int, opening: str) -> Found:
    if m.group("top"):
        n = "1"
    elif m.group("n").isdigit():
        n = m.group("n")
    else:
        n = str(ZH_DIGITS.index(m.group("n")) + 1)
    label = _label(sentence[: m.start()], sentence[m.end() :]).removeprefix("在") or "排名"
    return Found(
        value=n,
        unit="rank",
        para=para,
        quote=_quote(sentence, m.start(), m.end()),
        label=label,
        short=label if len(label) <= 12 else "",
        kind="rank",
        period=period_of(sentence[: m.start()], opening + sentence[: m.start()]),
    )


def _quote(sentence: str, start: int, end: int, width: int = 20) -> str:
    left, right = max(0, start - width), min(len(sentence), end + width)
    text = sentence[left:right].strip()
    return ("…" if left else "") + text + ("…" if right < len(sentence) else "")
