"""Citations of law provisions, with the law resolved and a role.

A citation is scanned as a stream of tokens (law title, 同法, 第N条, 第N款 lists,
第N项 lists; see :data:`cjtext.patterns.CITATION_TOKEN`). Paragraphs and items
attach to the article before them, so 第七十二条第一款、第三款 gives 72(1) and
72(3), and 第七十三条第一、三款 gives 73(1) and 73(3).

Roles: ``applied`` in the court's legal-basis clause before 判决如下 / 裁定如下,
``appendix`` in the appended statutes, ``mentioned`` anywhere else.
"""

from __future__ import annotations

from .._frozen import frozen
from ..numerals import parse_int
from ..patterns import (
    BASIS_CLAUSE_END,
    CITATION_TOKEN,
    DECISION,
    LAW_PREFIX,
    LEGAL_BASIS_START,
    ORD_NUMBER,
    SENTENCE_END_BACK,
)

__all__ = ["Article", "find_articles", "canonical_law", "legal_basis_span"]

_STRIP = str.maketrans("", "", "《》<>〈〉﹤﹥«»")
_SUFFIX = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SUB_CN = "一二三四五六七八九十"
#: A citation with no law named before it is, in a criminal judgement, to the Criminal Law.
DEFAULT_LAW = "刑法"


@frozen
class Article:
    """One cited provision.

    ``start``/``end`` are offsets of the article number as printed (including
    its 款/项 when attached); ``law`` is the canonical short law name.

    Examples
    --------
    >>> a = Article("第二百八十七条之一", 0, 9, "刑法", 287, 1, None, None, "applied")
    >>> a.canonical
    '刑法第287条之一'
    """

    text: str
    start: int
    end: int
    law: str
    article: int
    sub: int | None = None
    paragraph: int | None = None
    item: int | None = None
    role: str = "mentioned"

    @property
    def canonical(self) -> str:
        """The gold-format string: 刑法第72条第1款, 刑法第287条之二第1款."""
        s = f"{self.law}第{self.article}条"
        if self.sub:
            s += "之" + _SUB_CN[self.sub - 1]
        if self.paragraph:
            s += f"第{self.paragraph}款"
        if self.item:
            s += f"第{self.item}项"
        return s

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "canonical": self.canonical,
                "law": self.law, "article": self.article, "sub": self.sub,
                "paragraph": self.paragraph, "item": self.item, "role": self.role}


def canonical_law(title: str, issuer: str = "") -> str:
    """The canonical short name of a law or interpretation title.

    Examples
    --------
    >>> canonical_law("中华人民共和国刑法"), canonical_law("中华人民共和刑事诉讼法")
    ('刑法', '刑事诉讼法')
    >>> canonical_law("关于审理毒品犯罪案件适用法律若干问题的解释", "最高人民法院")
    '最高人民法院关于审理毒品犯罪案件适用法律若干问题的解释'
    >>> canonical_law("最高人民法院、最高人民检察院﹤关于办理危害食品安全刑事案件适用法律若干问题的解释﹥")
    '最高人民法院、最高人民检察院关于办理危害食品安全刑事案件适用法律若干问题的解释'
    """
    t = (issuer + title).translate(_STRIP).replace(" ", "")
    return LAW_PREFIX.sub("", t, count=1)


def _ords(text: str) -> list[int]:
    out = []
    for m in ORD_NUMBER.finditer(text):
        try:
            out.append(parse_int(m.group()))
        except ValueError:
            pass  # a malformed numeral in a list drops that entry only
    return out


def legal_basis_span(text: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """The court's legal-basis clause: from 依照/根据… to 判决如下 (first decision in ``lo:hi``).

    Examples
    --------
    >>> t = "本院认为，应依法惩处。依照《刑法》第二百六十四条之规定，判决如下：被告人…"
    >>> a, b = legal_basis_span(t)
    >>> t[a:b]
    '依照《刑法》第二百六十四条之规定，'
    """
    hi = len(text) if hi is None else hi
    m = DECISION.search(text, lo, hi)
    if m is None:
        return None
    end = m.start()
    # The clause is the sentence that ends in 判决如下; a clause is sometimes
    # split by 。 before its articles (依照…。判决如下), so look back two sentences
    # for the opening word, never further than 600 characters.
    floor = max(lo, end - 600)
    # The last two sentence ends before the decision, searched backwards.
    last = SENTENCE_END_BACK.search(text, floor, end)
    sent_start = last.end() if last else floor
    if last and not CITATION_TOKEN.search(text, sent_start, end):
        before = SENTENCE_END_BACK.search(text, floor, last.start())
        if before is not None:
            sent_start = before.end()
    # Bases given defendant by defendant (对被告单位甲依照…的规定；对被告人乙依照…的规定，
    # 判决如下): the clauses before it that are legal bases too, each ending in 规定.
    while sent_start > lo and text[sent_start - 1] in "；;":
        prev = SENTENCE_END_BACK.search(text, max(lo, sent_start - 400), sent_start - 1)
        if prev is None:
            break
        clause = text[prev.end():sent_start - 1].rstrip()
        if not (clause.endswith("规定") and LEGAL_BASIS_START.search(clause) and CITATION_TOKEN.search(clause)):
            break
        sent_start = prev.end()
    opening = None
    for o in LEGAL_BASIS_START.finditer(text, sent_start, end):
        opening = o.start()
        break
    return (opening if opening is not None else sent_start), end


def scan(text: str, lo: int, hi: int, role: str, law: str | None = None,
         default_law: str = DEFAULT_LAW) -> tuple[list[Article], str | None]:
    """Citations in ``text[lo:hi]``; returns them and the last law named."""
    out: list[Article] = []
    prev_end = -3  # end of the last law title or provision: a 第-less article must follow it
    for m in CITATION_TOKEN.finditer(text, lo, hi):
        # Each alternative is one named group, closed last: lastgroup says which matched.
        kind = m.lastgroup
        if kind == "law":
            law = canonical_law(m.group("title"), m.group("issuer") or "")
        elif kind == "same":
            pass  # 同法 / 该法 / 本法: the law named last stays in force
        elif kind == "bare":
            law = canonical_law(m.group("bare"))
        elif kind == "article":
            start = m.start()
            if text[start] not in "第笫":
                # Without 第 (《刑法》二百六十四条, 第五十二条、五十三条) a number is an article
                # only right after a citation, never a count in the narrative (香烟、一条).
                if start - prev_end > 2:
                    continue
                while text[start].isspace():
                    start += 1
            num = m.group("num")
            if "、" in num or "和" in num or "及" in num:
                out.extend(_shared(text, m, start, law or default_law, role))
                prev_end = m.end()
                continue
            try:
                number = parse_int(num.strip("（()） "))
            except ValueError:  # 第十五六条: not a number, not a citation
                continue
            sub = m.group("sub")
            out.append(Article(text[start:m.end()], start, m.end(), law or default_law, number,
                               _SUFFIX.get(sub) if sub else None, None, None, role))
        elif out and kind in ("paras", "items"):
            key = "paragraph" if kind == "paras" else "item"
            nums = _ords(m.group("paralist") if key == "paragraph" else m.group("itemlist"))
            for n in nums:
                last = out[-1]
                base = {**last.__dict__}
                if getattr(last, key) is None and (key == "item" or last.item is None):
                    base.update({key: n, "end": m.end(), "text": text[last.start:m.end()]})
                    out[-1] = Article(**base)
                else:
                    # 第一款、第三款: a new provision of the same article.
                    base.update({key: n, "start": m.start(), "end": m.end(), "text": m.group()})
                    if key == "paragraph":
                        base["item"] = None
                    out.append(Article(**base))
        prev_end = m.end()
    return out, law


def _shared(text: str, m, start: int, law: str, role: str) -> list[Article]:
    """The articles of a token that share one 第…条 (第二十五、二十六条), each with its number's span."""
    sub = m.group("sub")
    numbers = list(ORD_NUMBER.finditer(text, m.start("num"), m.end("num")))
    out = []
    for k, n in enumerate(numbers):
        try:
            number = parse_int(n.group())
        except ValueError:  # 第十五六条: not a number, not a citation
            continue
        last = k == len(numbers) - 1
        a, b = (start if k == 0 else n.start()), (m.end() if last else n.end())
        out.append(Article(text[a:b], a, b, law, number,
                           _SUFFIX.get(sub) if sub and last else None, None, None, role))
    return out


def find_articles(text: str, sections=(), default_law: str = DEFAULT_LAW) -> list[Article]:
    """All citations in ``text`` with their roles.

    ``sections`` are :class:`~cjtext.sections.Section` objects over ``text``
    (the appendix section gives the ``appendix`` role); the legal-basis clause
    is found before the first 判决如下 / 裁定如下 of the judgment section.

    Examples
    --------
    >>> arts = find_articles("依照《中华人民共和国刑法》第二百八十五条第二款、第七十二条第一款、第三款，"
    ...                      "第七十三条第二、三款之规定，判决如下：")
    >>> [a.canonical for a in arts]
    ['刑法第285条第2款', '刑法第72条第1款', '刑法第72条第3款', '刑法第73条第2款', '刑法第73条第3款']
    >>> {a.role for a in arts}
    {'applied'}
    """
    judgment = next((s for s in sections if s.label == "judgment"), None)
    appendix = next((s for s in sections if s.label == "appendix"), None)
    lo = judgment.start if judgment is not None else 0
    # The legal basis may sit at the end of the reasoning when the sections
    # split it there; search from a little before the judgment section.
    basis = legal_basis_span(text, max(0, lo - 600) if judgment is not None else 0,
                             appendix.start if appendix is not None else None)
    if basis is not None and judgment is not None and basis[1] < judgment.start - 600:
        basis = None
    regions: list[tuple[int, int, str]] = []
    if basis is not None:
        regions.append((0, basis[0], "mentioned"))
        regions.append((basis[0], basis[1], "applied"))
        after = basis[1]
    else:
        after = 0
    if appendix is not None:
        regions.append((after, appendix.start, "mentioned"))
        regions.append((appendix.start, appendix.end, "appendix"))
        regions.append((appendix.end, len(text), "mentioned"))
    else:
        regions.append((after, len(text), "mentioned"))
    out: list[Article] = []
    for a, b, role in regions:
        if b <= a:
            continue
        # Each region starts afresh: 同法 never reaches across a role boundary.
        if role == "applied":
            found, _ = scan(text, a, b, role, default_law=default_law)
            out.extend(found)
            continue
        # Elsewhere only sentences with 条 can cite an article; scanning just
        # those is several times faster than the whole text.
        law = None
        for wa, wb in _windows_with(text, "条", a, b):
            found, law = scan(text, wa, wb, role, law=law, default_law=default_law)
            out.extend(found)
    if basis is not None and not any(a.role == "applied" for a in out):
        # Some courts print the legal basis in each item of the decision
        # (判决如下：一、依照…之规定，被告人甲犯…罪); with none before it, those clauses are applied.
        end = judgment.end if judgment is not None else appendix.start if appendix is not None else len(text)
        clauses = _bases_in_decision(text, basis[1], end)
        out = [Article(**{**a.__dict__, "role": "applied"})
               if a.role == "mentioned" and any(s <= a.start < e for s, e in clauses) else a for a in out]
    return out


def _bases_in_decision(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Legal-basis clauses (依照…之规定) after the first 判决如下 at or after ``lo``."""
    m = DECISION.search(text, lo, hi)
    if m is None:
        return []
    out = []
    for o in LEGAL_BASIS_START.finditer(text, m.end(), hi):
        end = BASIS_CLAUSE_END.search(text, o.end(), hi)
        out.append((o.start(), end.end() if end else hi))
    return out


def _windows_with(text: str, char: str, lo: int, hi: int):
    """Sentences of ``text[lo:hi]`` that contain ``char``, merged when adjacent."""
    pos = text.find(char, lo, hi)
    last_end = lo
    while pos != -1:
        start = max(text.rfind(c, last_end, pos) for c in "。；\n") + 1
        start = max(start, last_end)
        ends = [e for e in (text.find(c, pos, hi) for c in "。；\n") if e != -1]
        end = min(ends) + 1 if ends else hi
        yield start, end
        last_end = end
        pos = text.find(char, end, hi)


def applied(articles: list[Article]) -> list[str]:
    """Canonical strings of the applied provisions, in order, without duplicates."""
    seen: dict[str, None] = {}
    for a in articles:
        if a.role == "applied":
            seen.setdefault(a.canonical)
    return list(seen)
