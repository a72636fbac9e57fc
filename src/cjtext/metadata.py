"""Document metadata from the header and the signature block.

Court, province, court level, document type, case number (with its year,
court code, case-type word and serial), procedure, signature date, judges and
clerk. Field names and formats of ``case_number``, ``court``, ``doc_type`` and
``judgement_date`` are those of the gold answer-key format.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, field
from functools import lru_cache
from importlib import resources

import regex

from ._frozen import frozen
from .numerals import parse_date
from .patterns import (
    CASE_NUMBER,
    CN_DATE,
    COURT_ANYWHERE,
    COURT_BEFORE,
    DOC_TYPE,
    PROVINCE_PREFIX,
    SIGNATURE_ROLE,
    SPACE,
)
from .sections import Section

__all__ = ["CaseNumber", "Judge", "Metadata", "extract_metadata", "parse_case_number",
           "PROCEDURES", "province_of"]

#: Procedure of a case, from the case-type word of its number.
PROCEDURES = {
    "初": "first_instance", "终": "appeal", "再": "retrial", "再初": "retrial", "再终": "retrial",
    "重": "retrial", "提": "retrial", "申": "petition", "监": "petition",
    "更": "commutation_parole", "执": "commutation_parole",
    "复": "death_penalty_review", "核": "death_penalty_review",
    "医": "compulsory_treatment", "没": "confiscation",
}

_PROVINCE_ABBR = {
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "晋": "山西省",
    "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省", "苏": "江苏省", "浙": "浙江省", "皖": "安徽省",
    "闽": "福建省", "赣": "江西省", "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省",
    "粤": "广东省", "琼": "海南省", "川": "四川省", "黔": "贵州省", "云": "云南省", "陕": "陕西省",
    "甘": "甘肃省", "青": "青海省", "蒙": "内蒙古自治区", "内": "内蒙古自治区", "桂": "广西壮族自治区",
    "藏": "西藏自治区", "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区", "兵": "新疆生产建设兵团",
    "最高法": "最高人民法院",
}
_PROVINCE_FULL = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市", "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区",
}
_NEW_CODE = regex.compile(r"^(?P<abbr>[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川黔云陕甘青蒙内桂藏宁新兵])[0-9]{2,4}$")
_DIVISION_SUFFIX = regex.compile(r"(?:市|区|县|旗|自治州|自治县|自治旗|地区|盟|林区|特区)")


@frozen
class CaseNumber:
    """A parsed case number such as （2017）浙0683刑初811号.

    Examples
    --------
    >>> cn = parse_case_number("（2014）犍为刑初字第70号")
    >>> cn.year, cn.court_code, cn.case_type, cn.serial, cn.procedure
    (2014, '犍为', '刑初', '70', 'first_instance')
    """

    text: str
    year: int
    court_code: str
    case_type: str
    serial: str
    division: str = ""
    start: int = -1
    end: int = -1

    @property
    def procedure(self) -> str:
        word = self.case_type
        if word.startswith("刑"):  # 刑初, 刑一终: the word after 刑 and a division digit
            word = word[2:] if word[1:2] and word[1] in "一二三四五六七" else word[1:]
        return PROCEDURES.get(word, PROCEDURES.get(word[-1:], "other"))


@frozen
class Judge:
    """A member of the bench or the clerk, as signed."""

    role: str
    name: str


@frozen
class Metadata:
    """What the header and signature say about a document."""

    court: str | None = None
    province: str | None = None
    court_level: str | None = None
    doc_type: str | None = None
    case_number: CaseNumber | None = None
    procedure: str | None = None
    judgement_date: str | None = None
    judges: tuple[Judge, ...] = field(default_factory=tuple)
    clerk: str | None = None

    @property
    def year(self) -> int | None:
        """The case number's year, else the judgement date's year."""
        if self.case_number is not None:
            return self.case_number.year
        return int(self.judgement_date[:4]) if self.judgement_date else None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["case_number"] = self.case_number.text if self.case_number else None
        d["case_number_parts"] = (None if self.case_number is None else {
            "year": self.case_number.year, "court_code": self.case_number.court_code,
            "case_type": self.case_number.case_type, "serial": self.case_number.serial})
        d["judges"] = [asdict(j) for j in self.judges]
        return d


def parse_case_number(text: str) -> CaseNumber | None:
    """Parse the first case number in ``text``; ``None`` when there is none."""
    m = CASE_NUMBER.search(text)
    if m is None:
        return None
    return CaseNumber(text=SPACE.sub("", m["case_number"]), year=int(m["year"]),
                      court_code=m["court_code"], case_type=m["case_type"],
                      serial=m["serial"], division=m["division"] or "",
                      start=m.start(), end=m.end())


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, str], regex.Pattern | None, regex.Pattern | None]:
    """(name → province, a pattern of the names, a pattern of two-character short names).

    Names, and short names of four-character names (石景山 of 石景山区), are searched anywhere in
    a court's name. The two-character short name of a three-character city (襄阳 of 襄阳市) only at
    its start (襄阳铁路运输法院): two characters inside a longer name are too often another word.
    """
    try:
        data = resources.files("cjtext").joinpath("data/regions.tsv").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}, None, None
    table: dict[str, set[str]] = {}
    shorts: dict[str, set[str]] = {}   # 襄阳 of 襄阳市
    for row in csv.DictReader(data.splitlines(), delimiter="\t"):
        name, province = (row.get("name") or "").strip(), (row.get("province") or "").strip()
        if name:
            table.setdefault(name, set()).add(province)
            short = _DIVISION_SUFFIX.sub("", name)
            if short != name and len(short) >= 2:
                if len(name) > 3:
                    table.setdefault(short, set()).add(province)
                elif row.get("level") == "prefecture":   # a city's courts (铁路运输法院, 开发区)
                    shorts.setdefault(short, set()).add(province)
    # A name shared by divisions in different provinces says nothing.
    unique = {k: next(iter(v)) for k, v in table.items() if len(v) == 1}
    two = {k: next(iter(v)) for k, v in shorts.items() if len(v) == 1 and k not in table}
    pattern = regex.compile("|".join(map(regex.escape, sorted(unique, key=len, reverse=True)))) if unique else None
    start = regex.compile("|".join(map(regex.escape, sorted(two)))) if two else None
    return {**two, **unique}, pattern, start


def province_of(court: str | None, case_number: CaseNumber | None = None) -> str | None:
    """The province of a court, from its name, its case number, or the region table.

    Examples
    --------
    >>> province_of("浙江省嵊州市人民法院")
    '浙江省'
    >>> province_of("某某县人民法院", parse_case_number("（2018）云2331刑初131号"))
    '云南省'
    """
    if court:
        if court.startswith("最高人民法院"):
            return None
        m = PROVINCE_PREFIX.match(court)
        if m:
            p = m["province"]
            if p == "新疆生产建设兵团":
                return "新疆维吾尔自治区"
            return _PROVINCE_FULL.get(p, p if p.endswith(("省", "市", "区")) else p + "省")
    if case_number is not None:
        m = _NEW_CODE.match(case_number.court_code)
        if m:
            p = _PROVINCE_ABBR[m["abbr"]]
            return "新疆维吾尔自治区" if p == "新疆生产建设兵团" else p
    if court:
        table, pattern, start = _regions()
        m = pattern.search(court) if pattern is not None else None
        if m is None and start is not None:
            m = start.match(court)
        if m:
            return table[m.group()]
    return None


def court_level(court: str | None) -> str | None:
    """``supreme``, ``high``, ``intermediate`` or ``basic`` from a court's name.

    Examples
    --------
    >>> court_level("浙江省杭州市中级人民法院"), court_level("北京铁路运输法院")
    ('intermediate', 'basic')
    """
    if not court:
        return None
    if court.startswith("最高人民法院"):
        return "supreme"
    if "高级人民法院" in court or "高级法院" in court:
        return "high"
    if "中级" in court or "海事法院" in court or "知识产权法院" in court or "金融法院" in court:
        return "intermediate"
    return "basic"


def _header(text: str, header: Section | None) -> tuple[str | None, str | None, CaseNumber | None]:
    hi = header.end if header is not None else min(len(text), 300)
    cn = parse_case_number(text[:hi]) if hi else None
    court = doc_type = None
    before_cn = text[:cn.start] if cn else text[:hi]
    # The document type is the last one printed before the case number.
    dts = list(DOC_TYPE.finditer(before_cn))
    dt = dts[-1] if dts else None
    if dt is None and cn is not None:
        # A title printed first can hold the case number (（2017）湘3130刑初173号被告人甲…
        # 一审刑事判决书湖南省…人民法院刑事判决书（2017）湘3130刑初173号): the header proper
        # is the copy of the number with the document type before it.
        again = text.find(cn.text, cn.end, cn.end + 200)
        dts = list(DOC_TYPE.finditer(text, cn.end, again)) if again != -1 else []
        if dts and text[dts[-1].end():again].strip(" \n:：") == "":
            before_cn, dt = text[:again], dts[-1]
    if dt is not None and before_cn[dt.end():].strip(" \n:：") == "":
        doc_type = SPACE.sub("", dt["doc_type"])
        m = COURT_BEFORE.search(before_cn[max(0, dt.start() - 60):dt.start()])
    else:
        m = COURT_BEFORE.search(before_cn[-60:])
        if dt is not None and cn is None:
            doc_type = SPACE.sub("", dt["doc_type"])
    if m is None:
        m = COURT_ANYWHERE.search(text, 0, min(len(text), 200))
    if m is not None:
        court = SPACE.sub("", m["court"])
    return court, doc_type, cn


def _signature(text: str, signature: Section | None):
    if signature is None:
        return None, (), None
    block = signature.text
    date = None
    m = CN_DATE.search(block)
    if m is not None:
        try:
            date = parse_date(m.group()).isoformat()
        except ValueError:
            date = None
    judges, clerk = [], None
    for r in SIGNATURE_ROLE.finditer(block):
        role = SPACE.sub("", r["role"])
        name = SPACE.sub("", r["name"])
        if role.endswith("书记员"):
            clerk = clerk or name
        else:
            judges.append(Judge(role, name))
    return date, tuple(judges), clerk


def extract_metadata(text: str, sections: list[Section]) -> Metadata:
    """Metadata of a judgement from its (normalised) text and sections.

    Examples
    --------
    >>> from cjtext.sections import find_sections
    >>> t = ("浙江省杭州市西湖区人民法院\\n刑事判决书\\n（2016）浙0106刑初123号\\n被告人张某。\\n"
    ...      "本院认为，被告人张某构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，判决如下：\\n"
    ...      "被告人张某犯盗窃罪，判处拘役三个月。\\n审判员 李某\\n二〇一六年十月二十一日\\n书记员 王某")
    >>> md = extract_metadata(t, find_sections(t))
    >>> md.court, md.doc_type, md.case_number.text, md.judgement_date, md.procedure
    ('浙江省杭州市西湖区人民法院', '刑事判决书', '（2016）浙0106刑初123号', '2016-10-21', 'first_instance')
    >>> md.province, md.court_level, md.clerk
    ('浙江省', 'basic', '王某')
    """
    by_label = {s.label: s for s in sections}
    court, doc_type, cn = _header(text, by_label.get("header"))
    date, judges, clerk = _signature(text, by_label.get("signature"))
    if date is None:
        # No signature block found: the last date in the closing part of the text.
        tail_start = by_label["appeal_notice"].start if "appeal_notice" in by_label else max(0, len(text) - 300)
        tail_end = by_label["appendix"].start if "appendix" in by_label else len(text)
        found = [m for m in CN_DATE.finditer(text, tail_start, tail_end) if not m["year"].isascii()]
        if found:
            try:
                date = parse_date(found[-1].group()).isoformat()
            except ValueError:
                pass
    procedure = cn.procedure if cn else None
    return Metadata(court=court, province=province_of(court, cn), court_level=court_level(court),
                    doc_type=doc_type, case_number=cn, procedure=procedure, judgement_date=date,
                    judges=judges, clerk=clerk)
