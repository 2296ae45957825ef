#!/usr/bin/env python3
"""Writes questions.jsonl for the routing2 set and checks every answer_contains
string against its report file (a plain substring check, the same as grep -F).
Run from the repository root: python3 testdata/routing2/make_questions.py
"""
import json, sys, collections

BJ = "北京市人民政府|2026"; GD = "广东省人民政府|2026"; SC = "四川省人民政府|2026"
ZH = "宁波市镇海区人民政府|2023"; ZJ = "浙江省人民政府|2026"; HB26 = "河北省人民政府|2026"
NX = "宁夏回族自治区人民政府|2026"; HB24 = "河北省人民政府|2024"; N19 = "国务院|2019"
N18 = "国务院|2018"; YZ = "扬州市人民政府|2024"; SX25 = "陕西省人民政府|2025"
JS = "江苏省人民政府|2026"; SX26 = "陕西省人民政府|2026"; BD = "保定市人民政府|2026"
GY = "高阳县人民政府|2025"

FILES = {
    BJ: "testdata/reports/beijing2026.txt", GD: "testdata/reports/guangdong2026.txt",
    SC: "testdata/reports/sichuan2026.txt", ZH: "testdata/reports/zhenhai2023.txt",
    ZJ: "testdata/heldout/zhejiang2026.txt", HB26: "testdata/heldout/hebei2026.txt",
    NX: "testdata/heldout/ningxia2026.txt", HB24: "testdata/heldout2/hebei2024.txt",
    N19: "testdata/heldout3/national2019.txt", N18: "testdata/heldout4/national2018.txt",
    YZ: "testdata/heldout5/yangzhou2024.md", SX25: "testdata/heldout6/shaanxi2025.md",
    JS: "testdata/routing2/jiangsu2026.txt", SX26: "testdata/routing2/shaanxi2026.txt",
    BD: "testdata/routing2/baoding2026.txt", GY: "testdata/routing2/gaoyang2025.txt",
}

# The GDP target sentence of each report, as the report writes it.
GDP = {
    BJ: "地区生产总值增长5%左右", GD: "地区生产总值增长4.5%—5%", SC: "地区生产总值增长5.5%左右",
    ZH: "地区生产总值增长5.5%以上", ZJ: "全省生产总值增长5%—5.5%", HB26: "地区生产总值增长5%以上",
    NX: "地区生产总值增长5%左右", HB24: "地区生产总值增长5.5%左右", N19: "国内生产总值增长6%—6.5%",
    N18: "国内生产总值增长6.5%左右", YZ: "地区生产总值增长6%以上", SX25: "生产总值增长5%左右",
    JS: "地区生产总值按增长5%安排", SX26: "生产总值增长5％左右", BD: "地区生产总值增长6%左右",
    GY: "地区生产总值增长6.5%以上",
}
PROVINCES = [BJ, GD, SC, ZJ, HB26, NX, SX26, JS]          # 各省: provincial level, latest each
CITIES = [YZ, BD]                                      # 各市: 地级市
COUNTIES = [ZH, GY]                                    # 各区县
LOCAL = PROVINCES + CITIES + COUNTIES                  # 这几个地方: every non-国务院 government, latest each
ALL = list(FILES)                                      # 所有报告

Q = []
def q(kind, question, reports, answers=None, note=""):
    rec = {"question": question, "reports": list(reports),
           "answer_contains": answers or {}, "kind": kind}
    if note:
        rec["note"] = note
    Q.append(rec)

def gdp(*keys):
    return {k: [GDP[k]] for k in keys}

# full_name
q("full_name", "江苏省人民政府今年定的地区生产总值增长目标是多少？", [JS], gdp(JS))
q("full_name", "保定市政府工作报告里今年固定资产投资要增长多少", [BD], {BD: ["固定资产投资增长6%左右"]})
q("full_name", "高阳县的政府工作报告提出规上工业增加值增长多少？", [GY], {GY: ["规上工业增加值增长8.5%左右"]})
q("full_name", "浙江省人民政府今年城镇调查失业率目标定在多少", [ZJ], {ZJ: ["城镇调查失业率5%以内"]})
q("full_name", "四川省今年的粮食产量目标", [SC], {SC: ["粮食产量730亿斤以上"]})

# short_name
q("short_name", "江苏今年城镇新增就业目标是多少人", [JS], {JS: ["城镇新增就业120万人"]})
q("short_name", "保定今年粮食产量要稳在多少", [BD], {BD: ["确保粮食产量80亿斤以上"]})
q("short_name", "高阳社会消费品零售总额预期增长多少", [GY], {GY: ["社会消费品零售总额增长7%左右"]})
q("short_name", "北京今年失业率要控制在什么水平", [BJ], {BJ: ["城镇调查失业率控制在5%以内"]})
q("short_name", "宁夏今年经济增长目标定了多少", [NX], gdp(NX))

# abbreviation
q("abbreviation", "苏今年全社会研发投入强度目标是多少", [JS], {JS: ["全社会研发投入强度3.42%左右"]},
  "苏 is 江苏; 苏州 is named in the 江苏 body but is not in the library")
q("abbreviation", "粤、苏两省今年GDP目标对比", [GD, JS], gdp(GD, JS))
q("abbreviation", "陕今年的社零增长目标", [SX26], {SX26: ["社会消费品零售总额增长6％左右"]},
  "今年 picks 陕西's latest report, 2026; the report writes the full-width ％")
q("abbreviation", "冀今年固定资产投资增长目标", [HB26], {HB26: ["固定资产投资增长5.5%左右"]},
  "冀 is the province; 保定 (a city of 河北, also 冀ICP in its footer) is not meant")

# city_district: city or county inside a province, place named only to locate another
q("city_district", "河北保定今年规上工业增加值要增长多少", [BD], {BD: ["规上工业增加值增长6.5%以上"]},
  "河北 only locates 保定; 河北2026 says 规上工业增加值增长5.5%左右")
q("city_district", "保定高阳县今年GDP目标是多少", [GY], gdp(GY),
  "保定 only locates 高阳; 今年 with 高阳 is its only (latest) report, 2025")
q("city_district", "河北省保定市高阳县2025年固定资产投资预期增长多少", [GY], {GY: ["固定资产投资增长10%左右"]},
  "province and city only locate the county")
q("city_district", "江苏扬州2024年报告里地区生产总值目标是多少", [YZ], gdp(YZ),
  "江苏 is now in the library but here it only locates 扬州")
q("city_district", "保定和河北省今年的GDP目标分别是多少", [BD, HB26], gdp(BD, HB26),
  "city and its province are both asked about (分别), so both route")
q("city_district", "江苏的GDP目标和扬州的GDP目标各是多少", [JS, YZ], gdp(JS, YZ),
  "two subjects; 扬州 has one report, 江苏 one")

# national
q("national", "2019年国务院政府工作报告的城镇新增就业目标", [N19], {N19: ["城镇新增就业1100万人以上"]})
q("national", "中央政府2018年定的居民消费价格涨幅目标是多少", [N18], {N18: ["居民消费价格涨幅3%左右"]})

# two_places
q("two_places", "江苏和陕西今年GDP目标分别是多少", [JS, SX26], gdp(JS, SX26), "今年 picks 陕西2026")
q("two_places", "北京跟保定今年的经济增长目标对比一下", [BJ, BD], gdp(BJ, BD))
q("two_places", "比较浙江、江苏今年的城镇调查失业率目标", [ZJ, JS],
  {ZJ: ["城镇调查失业率5%以内"], JS: ["城镇调查失业率5%左右"]})
q("two_places", "高阳与镇海的GDP目标", [GY, ZH], gdp(GY, ZH))

# three_places
q("three_places", "江苏、四川、宁夏今年GDP目标各是多少", [JS, SC, NX], gdp(JS, SC, NX))
q("three_places", "保定、扬州和镇海三地的GDP目标", [BD, YZ, ZH], gdp(BD, YZ, ZH))
q("three_places", "苏粤京今年的GDP预期目标", [JS, GD, BJ], gdp(JS, GD, BJ), "three abbreviations run together")

# two_years
q("two_years", "陕西2025年和2026年的政府工作报告GDP目标分别是多少", [SX25, SX26], gdp(SX25, SX26),
  "the two reports differ only by half-width % (2025) and full-width ％ (2026)")
q("two_years", "对比陕西2025年报告和今年报告里的粮食目标", [SX25, SX26],
  {SX25: ["粮食产量1300万吨以上"], SX26: ["确保粮食种植面积4510万亩以上"]})
q("two_years", "河北2024年和2026年报告的GDP目标有什么变化", [HB24, HB26], gdp(HB24, HB26),
  "not 保定, although 保定2026 is a 河北 report of 2026")

# year_only
q("year_only", "2025年的政府工作报告里GDP目标是多少", [SX25, GY], gdp(SX25, GY),
  "two reports of 2025: 陕西 and 高阳; the 2026 reports review 2025 but are not of 2025")
q("year_only", "2024年的报告定的地区生产总值增长目标", [HB24, YZ], gdp(HB24, YZ))
q("year_only", "２０２５年那份报告的一般公共预算收入目标呢", [SX25, GY],
  {SX25: ["一般公共预算收入增长3%"], GY: ["一般公共预算收入增长6%左右"]}, "full-width year")
q("year_only", "2023年报告中一般公共预算收入目标是多少", [ZH], {ZH: ["一般公共预算收入达到95亿元以上"]})

# place_year
q("place_year", "陕西省2026年政府工作报告的GDP预期目标", [SX26], gdp(SX26))
q("place_year", "陕西2025年报告提出城镇新增就业多少", [SX25], {SX25: ["城镇新增就业40万人以上"]},
  "陕西2026 has the same sentence; the year decides")
q("place_year", "保定2026年报告里市以上重点项目有多少项", [BD], {BD: ["实施市以上重点项目459项"]})

# relative_year
q("relative_year", "陕西今年的GDP目标", [SX26], gdp(SX26), "今年 picks the latest of 陕西's two reports")
q("relative_year", "陕西去年GDP实际增长了多少", [SX26], {SX26: ["地区生产总值增长5.1％"]},
  "去年 is 2025 as the 2026 report reviews it, not the 2025 report")
q("relative_year", "江苏去年进出口总额是多少", [JS], {JS: ["进出口总额5.95万亿元"]})
q("relative_year", "保定去年地区生产总值达到多少", [BD], {BD: ["地区生产总值达到5002.5亿元"]})
q("relative_year", "河北今年社会消费品零售总额目标", [HB26], {HB26: ["社会消费品零售总额增长5%左右"]},
  "not 保定, which has the same sentence")
q("relative_year", "广东与江苏去年GDP各增长多少", [GD, JS], {GD: ["地区生产总值增长3.9%"], JS: ["地区生产总值增长5.3%"]})

# all
q("all", "各省今年GDP目标都是多少", PROVINCES, gdp(*PROVINCES),
  "provincial level incl. 北京, 宁夏 and now 江苏; latest per government (河北2026, 陕西2026); not 保定/扬州")
q("all", "各市的GDP目标列一下", CITIES, gdp(*CITIES), "地级市 only: 扬州, 保定; not 北京")
q("all", "各区县的GDP目标", COUNTIES, gdp(*COUNTIES))
q("all", "所有报告的GDP目标", ALL, gdp(*ALL), "all 16, both years of 河北, 陕西 and 国务院")
q("all", "这几个地方今年的经济增长目标分别是多少", LOCAL, gdp(*LOCAL), "every non-国务院 government, latest report each (12)")

# no_place
q("no_place", "今年GDP目标是多少", [])
q("no_place", "报告里民生实事安排了多少件", [])
q("no_place", "去年进出口增长了多少", [], note="去年 alone names no report")

# ambiguous
q("ambiguous", "陕西的GDP目标是多少", [SX25, SX26], note="陕西 now has two reports and no year is said")
q("ambiguous", "陝西省政府工作報告的糧食目標", [SX25, SX26], note="traditional characters, no year")
q("ambiguous", "河北的GDP目标是多少", [HB24, HB26], note="not 保定: a city is not its province")
q("ambiguous", "陕的报告讲了啥", [SX25, SX26])

# not_in_library
q("not_in_library", "广州今年的GDP目标", [], note="广州 is in 广东 but has no report")
q("not_in_library", "石家庄今年GDP目标多少", [], note="石家庄 appears only in the 保定 page footer")
q("not_in_library", "江苏2025年的政府工作报告GDP目标", [], note="江苏 has only 2026")
q("not_in_library", "高阳县2026年GDP目标是多少", [], note="高阳 has only 2025")
q("not_in_library", "保定2022年的GDP目标", [], note="baoding2022 exists in testdata/heldout2 but is not in this library")
q("not_in_library", "上海今年GDP目标是多少", [], note="上海 is named in the 江苏 body (苏州与上海同城化)")
q("not_in_library", "南京今年的经济增长目标", [], note="南京 is in 江苏 and named in its body")
q("not_in_library", "山西今年的GDP目标", [], note="山西 is not 陕西")
q("not_in_library", "2021年的政府工作报告GDP目标", [], note="no report of 2021")

# false_cue
q("false_cue", "陕西今年GDP目标是多少，和全国比怎么样", [SX26], gdp(SX26), "全国 is a comparison")
q("false_cue", "江苏推进与上海同城化的是哪个城市", [JS], {JS: ["推进苏州与上海同城化发展"]}, "上海, 苏州 are partners")
q("false_cue", "陕西今年和京津冀、长三角在招商上怎么合作", [SX26],
  {SX26: ["加大京津冀、长三角、粤港澳大湾区等招商引资力度"]}, "京津冀 is a partner region, not 北京 or 河北")
q("false_cue", "保定承接北京医疗资源后，京津来保就医人次增至多少", [BD], {BD: ["173.1万"]}, "北京 is a partner")
q("false_cue", "江苏与粤港澳大湾区的合作怎么提的", [JS], {JS: ["强化与京津冀、粤港澳大湾区多领域合作"]},
  "粤 inside 粤港澳 is not 广东")
q("false_cue", "保定依托深圳园要和雄安共建什么试验区", [BD], {BD: ["科技成果转化与产业联动发展综合试验区"]},
  "深圳园 is a park in 保定; 深圳 is not in the library")

# polite
q("polite", "请问江苏今年的居民消费价格涨幅目标是多少？", [JS], {JS: ["居民消费价格涨幅2%左右"]})
q("polite", "麻烦问一下，保定那个社会消费品零售总额目标是多少啊", [BD], {BD: ["社会消费品零售总额增长5%左右"]})
q("polite", "那个陕西今年的一般公共预算收入目标呢", [SX26], {SX26: ["一般公共预算收入增长3％"]})
q("polite", "请问一下高阳县那个招商要引进多少项目啊", [GY], {GY: ["引进项目30个以上"]})
q("polite", "麻烦问下2025年陕西报告里的失业率目标呢？", [SX25], {SX25: ["城镇调查失业率5.5%左右"]})

# traditional
q("traditional", "江蘇今年的地區生產總值目標是多少", [JS], gdp(JS))
q("traditional", "保定今年糧食產量目標", [BD], {BD: ["确保粮食产量80亿斤以上"]})
q("traditional", "高陽縣的固定資產投資目標", [GY], {GY: ["固定资产投资增长10%左右"]})
q("traditional", "陝西２０２６年的生產總值目標", [SX26], gdp(SX26), "traditional and full-width year")

# fullwidth
q("fullwidth", "２０２４年河北报告的进出口目标", [HB24], {HB24: ["进出口总值增长3%左右"]})
q("fullwidth", "保定２０２６年的GDP目标", [BD], gdp(BD))

# spaces
q("spaces", "江苏 陕西 今年 GDP 目标", [JS, SX26], gdp(JS, SX26))
q("spaces", "保定 2026 固定资产投资", [BD], {BD: ["固定资产投资增长6%左右"]})
q("spaces", "陕 西 2025 年 GDP 目标", [SX25], gdp(SX25), "space inside the name")
q("spaces", "高 阳 县 的GDP目标", [GY], gdp(GY))

# english
q("english", "What is Jiangsu's GDP growth target for this year?", [JS], gdp(JS))
q("english", "Baoding 2026 GDP target", [BD], gdp(BD))
q("english", "How many new urban jobs does Shaanxi aim for in 2026?", [SX26], {SX26: ["城镇新增就业40万人以上"]})
q("english", "Gaoyang county GDP growth target", [GY], gdp(GY))
q("english", "Compare the GDP targets of Jiangsu and Guangdong this year", [JS, GD], gdp(JS, GD))
q("english", "Hebei and Baoding GDP targets this year", [HB26, BD], gdp(HB26, BD))
Q.append({"question": "What is Shaanxi's GDP target?", "reports": [SX25, SX26], "answer_contains": {},
          "kind": "ambiguous", "note": "English; 陕西 has two reports and no year is said"})
Q.append({"question": "What is Nanjing's GDP target this year?", "reports": [], "answer_contains": {},
          "kind": "not_in_library", "note": "English; 南京 is not in the library"})

# added in the same sitting, before any measurement
q("abbreviation", "京冀两地今年GDP目标各多少", [BJ, HB26], gdp(BJ, HB26), "今年 picks 河北2026")
q("two_years", "陕西省两年的报告GDP目标有什么不同", [SX25, SX26], gdp(SX25, SX26), "两年 names both of 陕西's reports")
q("relative_year", "陕西去年GDP增长多少，今年目标多少", [SX26],
  {SX26: ["地区生产总值增长5.1％", "生产总值增长5％左右"]},
  "both halves are in the 2026 report; 去年 does not mean the 2025 report")
q("relative_year", "江苏去年GDP增长多少，今年目标又是多少", [JS],
  {JS: ["地区生产总值增长5.3%", "地区生产总值按增长5%安排"]}, "江苏 has no 2025 report; 去年 is in the 2026 one")
q("year_only", "2026年的报告GDP目标分别是多少", [BJ, GD, SC, ZJ, HB26, NX, JS, SX26, BD],
  gdp(BJ, GD, SC, ZJ, HB26, NX, JS, SX26, BD), "nine reports of 2026, including the city 保定")
q("all", "所有省份今年的GDP目标", PROVINCES, gdp(*PROVINCES), "same as 各省")
q("false_cue", "保定的报告里怎么说高阳毛巾", [BD], {BD: ["高阳毛巾"]},
  "高阳 is named in the 保定 body; the question is about 保定's report")
q("false_cue", "江苏报告里提到的扬州博物馆叫什么", [JS], {JS: ["扬州中国大运河博物馆"]},
  "扬州 is named in the 江苏 body; the question is about 江苏's report")
q("traditional", "蘇州今年的GDP目標", [], note="苏州 is named in the 江苏 body but has no report")
Q[-1]["kind"] = "not_in_library"
q("english", "How fast did Jiangsu's GDP grow last year?", [JS], {JS: ["地区生产总值增长5.3%"]})
q("english", "Shaanxi 2025 report: urban surveyed unemployment target", [SX25], {SX25: ["城镇调查失业率5.5%左右"]})

# ---- checks ----
bad = 0
texts = {k: open(p, encoding="utf-8").read() for k, p in FILES.items()}
for r in Q:
    assert set(r["answer_contains"]) <= set(r["reports"]), r
    if r["kind"] in ("ambiguous", "not_in_library", "no_place"):
        assert not r["answer_contains"], r
    else:
        assert set(r["answer_contains"]) == set(r["reports"]), r
    for k, subs in r["answer_contains"].items():
        for s in subs:
            if s not in texts[k]:
                print("MISSING", k, s, r["question"]); bad += 1
seen = collections.Counter(r["question"] for r in Q)
assert max(seen.values()) == 1, [k for k, v in seen.items() if v > 1]
with open("testdata/routing2/questions.jsonl", "w", encoding="utf-8") as f:
    for r in Q:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
c = collections.Counter(r["kind"] for r in Q)
for k, v in c.items():
    print(k, v)
print("total", len(Q), "missing", bad)
sys.exit(1 if bad else 0)
