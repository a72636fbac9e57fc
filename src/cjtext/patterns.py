"""Every regular expression cjtext uses, compiled once, built from named fragments.

Patterns are written in verbose mode with named groups. Fragments (Chinese
numerals, brackets, names) are plain strings composed with f-strings so that a
fix to a fragment reaches every pattern that uses it. Patterns run on
*normalised* text (see :mod:`cjtext.normalize`): ASCII digits, one kind of
space, ``\\n`` line breaks; full-width punctuation is kept, so both forms of
brackets and colons are accepted.

Possessive quantifiers (``*+``) and bounded repeats keep the patterns linear on
adversarial input.
"""

from __future__ import annotations

import regex

__all__ = [
    "CN_DIGIT", "CN_NUMBER", "NUMBER", "OPEN", "CLOSE", "HAN", "NAME",
    "CASE_NUMBER", "DOC_TYPE", "COURT_BEFORE", "COURT_ANYWHERE", "CN_DATE",
    "SECTION_MARKERS", "SIGNATURE_ROLE", "SENTENCE_END", "PROVINCE_PREFIX",
    "compile_verbose",
]

# ---------------------------------------------------------------------------
# Fragments
# ---------------------------------------------------------------------------
#: One Chinese digit, including financial capitals and the zeros of dates.
CN_DIGIT = "[零〇○ＯO一壹二贰两三叁四肆五伍六陆七柒八捌九玖]"
#: A Chinese numeral with units: 二百八十五, 一千零五十, 两万.
CN_NUMBER = "[零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿]++"
#: An Arabic or Chinese number.
NUMBER = rf"(?:[0-9]++(?:\.[0-9]++)?|{CN_NUMBER})"
#: Opening and closing brackets as printed around years in case numbers.
OPEN = r"[（(〔［\[【]"
CLOSE = r"[）)〕］\]】]"
#: A Han character (the ``regex`` module's script property).
HAN = r"\p{Han}"
#: A person's name as printed, including anonymised forms (张某, 张某某, 张3, 张×).
NAME = r"[\p{Han}·•]{1,6}?[0-9×ＸX*＊甲乙丙丁]{0,2}"
#: Characters allowed inside a court name: Han, but never 书/罪/审 (these mark
#: a title such as 张某盗窃一审刑事判决书 printed before the court's name).
_COURT_CHAR = r"[\p{Han}--[书罪审案诉称某]]"
_SP = r"\s?"  # headers are sometimes printed letter-spaced: 刑 事 判 决 书

SENTENCE_END = regex.compile(r"[。；;！？!?\n]")


def compile_verbose(pattern: str) -> regex.Pattern:
    """Compile a pattern in verbose mode with the set operations of regex V1."""
    return regex.compile(pattern, regex.VERBOSE | regex.V1)


# ---------------------------------------------------------------------------
# Header: case number, document type, court
# ---------------------------------------------------------------------------
#: Case numbers in the 2016 format （2017）浙0683刑初811号 and the older
#: （2014）犍为刑初字第70号, （2012）深中法刑一终字第866号, （2014）中一法知刑初字第26号.
CASE_NUMBER = compile_verbose(
    rf"""
    (?P<case_number>
      {OPEN}\s?(?P<year>(?:19|20)[0-9]{{2}})\s?{CLOSE}\s?
      (?P<court_code>[\p{{Han}}0-9]{{0,12}}?)
      (?P<division>[少知未])?
      (?P<case_type>刑[一二三四五六七]?(?:再初|再终|初|终|更|再|申|核|复|监|医|没|他|辖|止|请|执|重|提|赔|抗))
      (?:字)?\s?(?:第)?\s?
      (?P<serial>[0-9]{{1,6}}(?:[-－之][0-9]{{1,3}})?)\s?号
    )
    """
)

#: The document type as printed in the header, possibly letter-spaced.
DOC_TYPE = compile_verbose(
    rf"""
    (?P<doc_type>
      (?:刑{_SP}事{_SP}(?:附{_SP}带{_SP}民{_SP}事{_SP})?)?
      (?:判{_SP}决|裁{_SP}定|决{_SP}定|调{_SP}解|通{_SP}知)
      {_SP}书
    )
    """
)

#: A court name ending right before a position (apply to the text before the
#: document type or case number).
COURT_BEFORE = compile_verbose(
    rf"""
    (?P<court>{_COURT_CHAR}{{2,40}}?(?:人民法院|法院|人民法庭|法庭))\s*$
    """
)
#: A court name anywhere (fallback when the header has no case number).
COURT_ANYWHERE = compile_verbose(
    rf"""
    (?P<court>{_COURT_CHAR}{{2,40}}?(?:人民法院|铁路运输法院|海事法院|军事法院|知识产权法院|互联网法院|金融法院))
    """
)

#: A date in Chinese or Arabic numerals: 二〇一六年十月二十一日, 2016年10月21日.
CN_DATE = compile_verbose(
    r"""
    (?P<date>
      (?P<year>[0-9零〇○ＯOo一二三四五六七八九]{4})\s?年\s?
      (?P<month>[0-9]{1,2}|[一二三四五六七八九十]{1,2})\s?月\s?
      (?P<day>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s?日
    )
    """
)

#: Province-level names at the start of a court name.
PROVINCE_PREFIX = compile_verbose(
    r"""
    ^(?P<province>北京市?|天津市?|上海市?|重庆市?|河北省?|山西省?|辽宁省?|吉林省?|黑龙江省?|江苏省?
     |浙江省?|安徽省?|福建省?|江西省?|山东省?|河南省?|湖北省?|湖南省?|广东省?|海南省?|四川省?
     |贵州省?|云南省?|陕西省?|甘肃省?|青海省?|内蒙古(?:自治区)?|广西(?:壮族自治区)?
     |西藏(?:自治区)?|宁夏(?:回族自治区)?|新疆维吾尔自治区|新疆生产建设兵团|新疆)
    """
)

# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------
# "Not in mid-sentence": most markers must not follow a comma. Texts flattened
# without any separator (…审理终结经审理查明…) still match.
_NOT_MID = r"(?<![，,、“\"])"
_PARTY = r"(?:被告人|上诉人|原审被告人|被告单位|罪犯|申诉人|自诉人)"
_NAMEISH = r"[^，。；：:,\s]{1,12}?"

#: Start markers of sections, searched in order by :mod:`cjtext.sections`.
SECTION_MARKERS: dict[str, regex.Pattern] = {
    # The procedure paragraph: the sentence that brings the case to this court.
    "procedure": compile_verbose(
        r"""
        起诉书 | 提起公诉 | 提起自诉 | 自诉人[^。]{0,60}?(?:控诉|起诉|自诉) | 提出上诉 | 提起上诉 | 提出抗诉 | 提起抗诉
        | 不服[^。]{0,80}?(?:判决|裁定)
        | (?:减刑|假释)建议 | 提请[^。]{0,20}?(?:减刑|假释) | 报请[^。]{0,30}?(?:核准|复核)
        | 申请再审 | 提出申诉 | 决定再审 | 另行组成合议庭 | 发回重审 | 移送[^。]{0,10}?审查起诉
        """
    ),
    "procedure_end": compile_verbose(
        r"""(?:现已|已经|现|本案现已|已)?(?:审理|审查)(?:终结|完毕) [。.]? | 现已审结[。]?"""
    ),
    "prosecution": compile_verbose(
        rf"""
        {_NOT_MID}
        (?:
          (?:公诉机关|检察机关|公诉人|起诉书|抗诉机关|{_COURT_CHAR}{{0,30}}?人民检察院)
            (?:起诉书?|当庭|在起诉书中|以起诉书)?\s?(?:指控|起诉指控|指认|认为)(?:称|如下|[:：，,])?
          | 自诉人[^，。；：:,\s]{{1,40}}?(?:诉称|控诉|起诉称|指控)
        )
        """
    ),
    "original_judgement": compile_verbose(
        rf"""
        (?<![，,、“"：:])
        (?:原审(?:法院)?|原判(?:决)?|一审(?:法院|判决)?|{_COURT_CHAR}{{2,30}}?人民法院)
        (?:经审理|审理)?(?:查明|认定|确认)
        """
    ),
    "defence": compile_verbose(
        rf"""
        {_NOT_MID}
        (?:
          {_PARTY}{_NAMEISH}
            (?:(?:及其|和|与)(?:辩护人|委托)[^。]{{0,20}}?)?
            (?:对(?:公诉机关|起诉书|检察机关|指控|上述|前述|本案)
              |辩称|辩解|当庭(?:自愿)?认罪|(?:上诉|申诉)(?:称|提出|理由|请求|的理由)|提出(?:的)?(?:辩解|上诉|申诉)|认罪认罚|
              (?:当庭|在庭审中|庭审中)?(?:表示|自愿)?(?:认罪|供认|无异议|没有异议))
          | (?:其|二审|一审|指定)?辩护人(?:{_NAMEISH})?(?:提出|认为|辩护|发表|称|对|的辩护意见|意见)
          | (?:辩护|辩解)意见(?:为|是|如下|认为)
        )
        """
    ),
    "facts": compile_verbose(
        r"""
        (?<![，,、])
        (?<!原审法院|原审|原判|一审法院|一审|原审法院经|一审法院经|原审经|原判经|一审经)
        (?:
          (?:本院|经|法院)?(?:依法)?(?:公开)?(?:开庭)?(?:二审)?(?:审理|审查)(?:[，,]\s?)?(?:本院)?查明
          | (?:经审理|经审查)[，,]?\s?(?:本院)?(?:认定|确认)
          | (?:本院)?(?:审理|二审|经审理)?认定(?:的)?(?:案件|本案)?事实(?:如下|是)
          | 本院(?:二审)?(?:另)?查明
          | (?:本院)?(?:经)?(?:二审|再审)(?:审理)?(?:另)?查明
        )
        """
    ),
    "evidence": compile_verbose(
        r"""
        (?<![，,、])
        (?:
          (?:上述|以上|上列|前述|前列)(?:犯罪|案件)?事实[^。]{0,120}?(?:证据|证实|证明|印证|佐证)
          | (?:认定|证实|证明)(?:上述|以上|前述)?(?:犯罪|案件)?事实的(?:主要)?证据
          | (?:本院|法院)?(?:确认|认定|采信)的?(?:下列|以下)?证据(?:有|如下)
          | (?:有|以)(?:以下|下列)证据(?:予以)?(?:证实|证明|为证)
          | 证据(?:如下|有)[:：]
        )
        """
    ),
    "reasoning": compile_verbose(
        r"""(?<![，,、“"])本院(?:认为|(?:经审查|经审理|二审|审查|审理|再审)认为(?=[，,：:]))"""
    ),
    "judgment": compile_verbose(
        r"""(?:判决|裁定|决定)如下"""
    ),
    "legal_basis": compile_verbose(
        r"""(?:依照|依据|根据|按照|遵照)"""
    ),
    "appeal_notice": compile_verbose(
        r"""
        如(?:不服|对)本(?:判决|裁定|决定)
        | 本(?:判决|裁定)(?:为|是)终审(?:判决|裁定)
        | 本(?:判决|裁定)(?:书)?(?:送达后|自宣告之日起)?即(?:发生|具有)法律效力
        """
    ),
    "signature": compile_verbose(
        r"""
        (?:审\s?判\s?长|代理审判员|代\s?理\s?审\s?判\s?员|审\s?判\s?员|人民陪审员|陪\s?审\s?员
         |独任审判员|执\s?行\s?长|书\s?记\s?员)
        """
    ),
    "appendix": compile_verbose(
        r"""
        附\s?[:：]?\s?
          (?:本(?:案|判决|裁定)(?:书)?(?:所)?(?:依据|适用|援引|引用|涉及)的?)?
          (?:相关|有关|适用)?的?
          (?:法律|法条|条文|法规|《|[一1][、.．]|录|件)
        | (?:本(?:判决|裁定)(?:书)?(?:所)?(?:依据|适用|援引|引用)的?)(?:相关)?(?:法律|法条)
        | 相关法律条文
        """
    ),
}

#: A role word in the signature block, followed by the name.
SIGNATURE_ROLE = compile_verbose(
    r"""
    (?P<role>审\s?判\s?长|代\s?理\s?审\s?判\s?员|审\s?判\s?员|人\s?民\s?陪\s?审\s?员|陪\s?审\s?员
     |独任审判员|执\s?行\s?长|法\s?官\s?助\s?理|代\s?书\s?记\s?员|见习书记员|书\s?记\s?员)
    \s?[:：]?\s?
    (?P<name>(?:[\p{Han}·•]\s?){1,4}?)
    (?=\s|$|[（(0-9二〇○Ｏ一]{0,1}[〇○Ｏ0-9零]|附|审\s?判|代\s?理|人\s?民\s?陪|陪\s?审|法\s?官|书\s?记|代\s?书|见习|执\s?行|独任|本件|第[0-9一二三四五六七八九十]+页)
    """
)
