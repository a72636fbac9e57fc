import pytest

from cjtext.metadata import (
    court_level,
    extract_metadata,
    parse_case_number,
    province_of,
)
from cjtext.normalize import normalize
from cjtext.sections import find_sections


@pytest.mark.parametrize("text, parts", [
    ("（2017）浙0683刑初811号", (2017, "浙0683", "刑初", "811", "first_instance")),
    ("(2019)粤01刑终1588号", (2019, "粤01", "刑终", "1588", "appeal")),
    ("（2014）犍为刑初字第70号", (2014, "犍为", "刑初", "70", "first_instance")),
    ("（2012）深中法刑一终字第866号", (2012, "深中法", "刑一终", "866", "appeal")),
    ("（2014）秦刑再终字第3号", (2014, "秦", "刑再终", "3", "retrial")),
    ("（2021）示01刑更1234号", (2021, "示01", "刑更", "1234", "commutation_parole")),
    ("（2016）甘1221刑初85-1号", (2016, "甘1221", "刑初", "85-1", "first_instance")),
    ("〔2015〕某刑复字第3号", (2015, "某", "刑复", "3", "death_penalty_review")),
    ("（2013）夏少刑初字第138号", (2013, "夏", "刑初", "138", "first_instance")),
])
def test_case_numbers(text, parts):
    cn = parse_case_number("前文" + text + "后文")
    assert (cn.year, cn.court_code, cn.case_type, cn.serial, cn.procedure) == parts
    assert cn.text == text


def test_no_case_number():
    assert parse_case_number("某某人民法院刑事判决书") is None


@pytest.mark.parametrize("court, case_number, province", [
    ("浙江省嵊州市人民法院", None, "浙江省"),
    ("上海市浦东新区人民法院", None, "上海市"),
    ("广西壮族自治区阳朔县人民法院", None, "广西壮族自治区"),
    ("内蒙古自治区阿鲁科尔沁旗人民法院", None, "内蒙古自治区"),
    ("新疆生产建设兵团第八师中级人民法院", None, "新疆维吾尔自治区"),
    ("示例县人民法院", "（2018）云2331刑初131号", "云南省"),
    ("阳江市江城区人民法院", "（2014）阳城法刑初字第431号", "广东省"),   # from the region table
    ("舞钢市人民法院", "（2014）舞刑初字第39号", "河南省"),
    ("达尔罕茂明安联合旗人民法院", None, "内蒙古自治区"),
    ("示例县人民法院", None, None),
    ("徐州铁路运输法院", None, "江苏省"),         # a city's short name at the start
    ("福州经济技术开发区人民法院", None, "福建省"),
    ("示例徐州人民法院", None, None),           # nor inside a name: two characters are too often another word
    ("三峡坝区人民法院", None, "湖北省"),         # a special court's seat that is no division
])
def test_province(court, case_number, province):
    cn = parse_case_number(case_number) if case_number else None
    assert province_of(court, cn) == province


@pytest.mark.parametrize("court, level", [
    ("最高人民法院", "supreme"), ("浙江省高级人民法院", "high"), ("北京市第一中级人民法院", "intermediate"),
    ("上海海事法院", "intermediate"), ("北京铁路运输法院", "basic"), ("杭州市西湖区人民法院", "basic"),
    (None, None),
])
def test_court_level(court, level):
    assert court_level(court) == level


@pytest.mark.parametrize("header, court, doc_type", [
    ("浙江省嵊州市人民法院 刑事判决书 （2017）浙0683刑初811号", "浙江省嵊州市人民法院", "刑事判决书"),
    ("张某盗窃罪一审刑事判决书 示例省示例县人民法院 刑事判决书 （2017）示0683刑初1号", "示例省示例县人民法院", "刑事判决书"),
    ("张某等诈骗一审刑事判决书示例市示例区人民法院刑事附带民事判决书（2017）示0102刑初5号",
     "示例市示例区人民法院", "刑事附带民事判决书"),
    ("示例省高级人民法院\n刑 事 裁 定 书\n（2015）示刑三终字第16号", "示例省高级人民法院", "刑事裁定书"),
    ("周某贩毒刑事判决书一审示例省示例县人民法院刑事判决书（2014）示刑初字第261号", "示例省示例县人民法院", "刑事判决书"),
    ("示例县人民法院（2013）示刑初字第188号", "示例县人民法院", None),
    # a title printed first holds the case number: the header proper is its second copy
    ("（2018）示0102刑初9号被告人张某犯盗窃罪一案一审刑事判决书示例省示例县人民法院刑事判决书（2018）示0102刑初9号：",
     "示例省示例县人民法院", "刑事判决书"),
    ("示例县人民法院（2012）示刑初字第77号刑事判决书示例省示例县人民法院刑事判决书（2012）示刑初字第77号",
     "示例省示例县人民法院", "刑事判决书"),
])
def test_header(header, court, doc_type):
    text = normalize(header + "\n被告人张某。\n本院认为，被告人构成犯罪。判决如下：被告人张某犯盗窃罪，判处拘役一个月。").text
    md = extract_metadata(text, find_sections(text))
    assert (md.court, md.doc_type) == (court, doc_type)


@pytest.mark.parametrize("signature, date, judges, clerk", [
    ("审判长　王某\n审判员　李某\n人民陪审员　张某\n二〇一七年八月一日\n书记员　赵某",
     "2017-08-01", [("审判长", "王某"), ("审判员", "李某"), ("人民陪审员", "张某")], "赵某"),
    ("审判员许洁二〇一七年十二月十五日书记员高旭", "2017-12-15", [("审判员", "许洁")], "高旭"),
    ("审 判 长 王 芳 代理审判员 刘某某 二O一四年三月九日 代书记员 陈某", "2014-03-09",
     [("审判长", "王芳"), ("代理审判员", "刘某某")], "陈某"),
    ("审判长杨寿健人民陪审员李新媛二〇二〇年七月二十四日法官助理付润琴书记员彭媛莉", "2020-07-24",
     [("审判长", "杨寿健"), ("人民陪审员", "李新媛"), ("法官助理", "付润琴")], "彭媛莉"),
    ("审判员 刘某\n二〇一九年三月二十日\n书记员 潘某某附：相关法律条文", "2019-03-20", [("审判员", "刘某")], "潘某某"),    # 元月: the first month
    ("审判员 刘某\n二〇一三年元月八日\n书记员 潘某", "2013-01-08", [("审判员", "刘某")], "潘某"),
])
def test_signature(signature, date, judges, clerk):
    text = normalize("示例县人民法院 刑事判决书 （2019）示0101刑初1号 被告人张某。本院认为，构成盗窃罪。"
                     "判决如下：被告人张某犯盗窃罪，判处拘役一个月。如不服本判决，可提出上诉。" + signature).text
    md = extract_metadata(text, find_sections(text))
    assert md.judgement_date == date
    assert [(j.role, j.name) for j in md.judges] == judges
    assert md.clerk == clerk


def test_metadata_to_dict_has_gold_field_names():
    text = "示例县人民法院 刑事判决书 （2019）示0101刑初1号 被告人张某。"
    d = extract_metadata(text, find_sections(text)).to_dict()
    assert d["case_number"] == "（2019）示0101刑初1号" and d["court"] == "示例县人民法院"
    assert d["case_number_parts"]["serial"] == "1" and d["judgement_date"] is None


@pytest.mark.shared
def test_metadata_matches_real_gold(shared_judge_dev):
    docs, gold = shared_judge_dev
    fields = ("case_number", "court", "doc_type", "judgement_date")
    right = {f: 0 for f in fields}
    for g in gold:
        text = normalize(docs[g["id"]]).text
        d = extract_metadata(text, find_sections(text)).to_dict()
        for f in fields:
            right[f] += d[f] == g[f]
    for f in fields:
        assert right[f] / len(gold) >= 0.99, f"{f}: {right[f]}/{len(gold)}"


@pytest.mark.shared
def test_every_real_judgement_has_court_case_number_and_date(shared_texts):
    missing = []
    for text in shared_texts:
        norm = normalize(text).text
        md = extract_metadata(norm, find_sections(norm))
        if not (md.court and md.case_number and md.judgement_date and md.doc_type):
            missing.append(norm[:60])
    assert len(missing) / len(shared_texts) <= 0.01, missing[:5]
