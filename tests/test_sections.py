"""Section segmentation on judgements we wrote, in the three layouts real data comes in."""

import pytest

from cjtext.normalize import normalize
from cjtext.sections import LABELS, find_sections

FIRST_INSTANCE = [
    "示例省示例市示例区人民法院",
    "刑事判决书",
    "（2018）示0102刑初77号",
    "公诉机关示例市示例区人民检察院。",
    "被告人赵某，男，1991年5月6日出生，汉族，高中文化，无业。因涉嫌犯非法获取计算机信息系统数据罪于2017年11月2日被刑事拘留。",
    "辩护人钱某，示例律师事务所律师。",
    "示例市示例区人民检察院以示检刑诉〔2018〕12号起诉书指控被告人赵某犯非法获取计算机信息系统数据罪，于2018年1月8日向本院提起公诉。本院依法组成合议庭，公开开庭审理了本案。现已审理终结。",
    "示例市示例区人民检察院指控：2017年3月至10月，被告人赵某利用木马程序窃取他人游戏账号内的装备并出售，获利人民币四万余元。",
    "被告人赵某对指控的事实无异议。其辩护人提出，被告人系初犯，认罪态度好，请求从轻处罚。",
    "经审理查明：2017年3月至10月，被告人赵某在网吧内向他人电脑植入木马程序，窃取游戏账号三百余个，将账号内的装备出售，获利人民币42000元。",
    "上述事实，有被告人赵某的供述、被害人陈述、电子数据检查笔录等证据证实，足以认定。",
    "本院认为，被告人赵某违反国家规定，获取计算机信息系统中存储的数据，情节特别严重，其行为已构成非法获取计算机信息系统数据罪。对辩护人的意见，本院认为可予采纳。",
    "依照《中华人民共和国刑法》第二百八十五条第二款、第六十七条第三款之规定，判决如下：",
    "被告人赵某犯非法获取计算机信息系统数据罪，判处有期徒刑三年，并处罚金人民币三万元。",
    "如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向示例市中级人民法院提出上诉。",
    "审判长　孙某",
    "人民陪审员　李某",
    "二〇一八年三月十五日",
    "书记员　周某",
    "附：相关法律条文",
    "《中华人民共和国刑法》第二百八十五条……",
]
EXPECTED_FIRST = ["header", "parties", "procedure", "prosecution", "defence", "facts", "evidence",
                  "reasoning", "judgment", "appeal_notice", "signature", "appendix"]

APPEAL_RULING = [
    "示例省示例市中级人民法院",
    "刑事裁定书",
    "（2019）示01刑终305号",
    "原公诉机关示例市示例县人民检察院。",
    "上诉人（原审被告人）钱某某，女，1985年2月1日出生。",
    "示例市示例县人民法院审理示例县人民检察院指控原审被告人钱某某犯诈骗罪一案，于2019年4月2日作出（2019）示0121刑初88号刑事判决。原审被告人钱某某不服，提出上诉。本院依法组成合议庭审理了本案，现已审理终结。",
    "原判认定：2018年6月，被告人钱某某冒充他人好友，骗得被害人人民币2万元。原审法院经审理查明的上述事实，有相关证据证实。原判以诈骗罪判处被告人钱某某有期徒刑一年。",
    "上诉人钱某某上诉称，其已退赔全部损失，请求适用缓刑。",
    "经二审审理查明的事实与原判认定的事实一致。",
    "本院认为，上诉人钱某某以非法占有为目的，骗取他人财物，数额较大，其行为已构成诈骗罪。原判认定事实清楚，量刑适当。",
    "依照《中华人民共和国刑事诉讼法》第二百三十六条第一款第（一）项之规定，裁定如下：",
    "驳回上诉，维持原判。",
    "本裁定为终审裁定。",
    "审判长　吴某",
    "审判员　郑某",
    "审判员　王某",
    "二〇一九年七月一日",
    "书记员　冯某",
]
EXPECTED_APPEAL = ["header", "parties", "procedure", "original_judgement", "defence", "facts",
                   "reasoning", "judgment", "appeal_notice", "signature"]

SHORT_FORM = [
    "示例县人民法院 刑事判决书 （2020）示0123刑初9号",
    "公诉机关示例县人民检察院。",
    "被告人孙某，男，1979年8月8日出生。",
    "示例县人民检察院以起诉书指控被告人孙某犯危险驾驶罪，于2020年2月3日向本院提起公诉。本院适用速裁程序，实行独任审判，公开开庭审理了本案。现已审理终结。",
    "公诉机关指控，2019年12月24日晚，被告人孙某醉酒后驾驶小型轿车在示例县城区道路上行驶，被民警查获。",
    "上述事实，被告人孙某在开庭审理过程中亦无异议，并有血液酒精含量检验报告等证据证实，足以认定。",
    "本院认为，被告人孙某在道路上醉酒驾驶机动车，其行为已构成危险驾驶罪。依照《中华人民共和国刑法》第一百三十三条之一第一款第（二）项之规定，判决如下：",
    "被告人孙某犯危险驾驶罪，判处拘役二个月，并处罚金人民币四千元。",
    "如不服本判决，可在接到判决书的第二日起十日内提出上诉。",
    "审判员　钱某",
    "二〇二〇年二月十日",
    "书记员　赵某",
]


def _labels(text):
    return [s.label for s in find_sections(normalize(text).text)]


@pytest.mark.parametrize("joiner", ["\n", " ", ""], ids=["lines", "flattened", "concatenated"])
def test_first_instance_in_all_layouts(joiner):
    assert _labels(joiner.join(FIRST_INSTANCE)) == EXPECTED_FIRST


@pytest.mark.parametrize("joiner", ["\n", " ", ""], ids=["lines", "flattened", "concatenated"])
def test_appeal_ruling(joiner):
    assert _labels(joiner.join(APPEAL_RULING)) == EXPECTED_APPEAL


def test_appeal_facts_are_this_courts_own_findings():
    secs = {s.label: s.text for s in find_sections("\n".join(APPEAL_RULING))}
    assert secs["facts"] == "经二审审理查明的事实与原判认定的事实一致。"
    assert secs["original_judgement"].startswith("原判认定：")


def test_short_form_adopts_the_prosecution_account_as_facts():
    secs = find_sections("\n".join(SHORT_FORM))
    labels = [s.label for s in secs]
    assert "prosecution" not in labels and "facts" in labels
    facts = next(s for s in secs if s.label == "facts")
    assert "指控" in facts.marker and "醉酒后驾驶" in facts.text


def test_sections_are_ordered_non_overlapping_and_cover_their_text():
    text = "\n".join(FIRST_INSTANCE)
    secs = find_sections(text)
    for a, b in zip(secs, secs[1:]):
        assert a.end <= b.start
    for s in secs:
        assert text[s.start:s.end] == s.text and s.label in LABELS
        assert not s.text[0].isspace() and not s.text[-1].isspace()


def test_section_texts():
    secs = {s.label: s.text for s in find_sections("\n".join(FIRST_INSTANCE))}
    assert secs["header"].endswith("（2018）示0102刑初77号")
    assert secs["judgment"].startswith("依照《中华人民共和国刑法》")
    assert secs["judgment"].endswith("罚金人民币三万元。")
    assert secs["signature"].startswith("审判长") and secs["signature"].endswith("书记员　周某")
    assert secs["reasoning"].startswith("本院认为，") and "对辩护人的意见，本院认为可予采纳。" in secs["reasoning"]


def test_missing_sections_are_absent_not_invented():
    text = "\n".join(FIRST_INSTANCE[:7] + FIRST_INSTANCE[11:15])  # no allegation, defence, facts, evidence
    labels = _labels(text)
    assert "facts" not in labels and "evidence" not in labels and "defence" not in labels
    assert labels[-3:] == ["reasoning", "judgment", "appeal_notice"]


def test_ruling_without_facts_section():
    text = ("示例省示例市中级人民法院 刑事裁定书 （2021）示01刑更1234号 罪犯刘某，男，1980年1月1日出生。"
            "示例监狱于2021年5月1日提出减刑建议书，报送本院审理。本院依法组成合议庭进行了审理，现已审理终结。"
            "本院认为，罪犯刘某在服刑期间确有悔改表现。依照《中华人民共和国刑法》第七十八条之规定，裁定如下："
            "对罪犯刘某减去有期徒刑六个月。本裁定送达后即发生法律效力。审判长 陈某 二〇二一年六月一日 书记员 王某")
    assert _labels(text) == ["header", "parties", "procedure", "reasoning", "judgment", "appeal_notice", "signature"]


def test_reasoning_quoted_in_mid_sentence_is_not_a_start():
    lines = list(FIRST_INSTANCE)
    lines[8] = "被告人赵某辩称，本院认为其系初犯的说法应当成立，请求从轻处罚。"
    secs = {s.label: s.text for s in find_sections("\n".join(lines))}
    assert secs["defence"].startswith("被告人赵某辩称，本院认为")
    assert secs["reasoning"].startswith("本院认为，被告人赵某违反国家规定")


def test_empty_and_unstructured_text():
    assert find_sections("") == []
    assert find_sections("这不是一份判决书。") == []


@pytest.mark.shared
def test_real_judgements_sections_found(shared_judge_dev):
    docs, _ = shared_judge_dev
    found = {label: 0 for label in ("facts", "reasoning", "judgment")}
    for text in docs.values():
        labels = set(_labels(text))
        for label in found:
            found[label] += label in labels
    for label, n in found.items():
        assert n / len(docs) >= 0.99, f"{label} found in {n}/{len(docs)}"


@pytest.mark.shared
def test_real_judgements_sections_well_formed(shared_texts):
    """On every real judgement: sections ordered, non-overlapping; the judgment contains 如下."""
    for text in shared_texts:
        norm = normalize(text).text
        secs = find_sections(norm)
        for a, b in zip(secs, secs[1:]):
            assert a.end <= b.start
        judg = [s for s in secs if s.label == "judgment"]
        if judg:
            assert "如下" in judg[0].text


@pytest.mark.parametrize("answer", [
    "被告单位及被告人甲某、乙某对指控的事实无异议。",
    "被告单位、被告人均自愿认罪认罚。",
    "被告人甲某对起诉书指控的事实无异议。",
])
def test_defence_starts_at_the_defendants_joined_with_their_roles(answer):
    text = ("某某区人民法院\n刑事判决书\n（2020）浙0101刑初1号\n被告单位某某公司。被告人甲某，男。\n"
            "某某区人民检察院以起诉书指控被告单位某某公司、被告人甲某犯罪，向本院提起公诉。本院依法审理，现已审理终结。\n"
            "某某区人民检察院指控，被告单位某某公司非法获取数据。\n" + answer + "\n"
            "经审理查明，被告单位某某公司非法获取数据。\n本院认为，应予惩处。判决如下：被告人甲某犯罪。")
    defence = [s for s in find_sections(text) if s.label == "defence"]
    assert [s.text for s in defence] == [answer]

