#!/usr/bin/env python3
"""Generate the fictional reference district and sample resident reports for Jielu.

Writes two files next to this script:

* district.json: one district (青岚区) with its 7 sub-districts, 45 communities,
  their grids, the responsible units and staff, 84 streets with their three
  street cadres each, the 6 report classes with 20 items, and a few routing rules.
* reports.json: 240 resident reports spread over the streets and all 20 items.

Every name, street, phone number and board code is invented. The random seed is
fixed, so rerunning the script reproduces both files byte for byte (checked with
Python 3.11):

    python3 deploy/data/generate.py

Only the Python 3 standard library is used.
"""

import json
import math
import random
from pathlib import Path

SEED = 20240601
OUTPUT_DIR = Path(__file__).resolve().parent

DISTRICT_CENTER_LAT = 43.88
DISTRICT_CENTER_LON = 125.32
METERS_PER_DEGREE_LAT = 111_320.0

BOARD_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BOARD_CODE_LENGTH = 16
PHONE_PREFIXES = ["13", "15", "17", "18", "19"]

STREET_CADRE_COUNT = 252
CADRES_PER_STREET = 3
REPORT_STREET_MIN_DISTINCT = 66

SUB_DISTRICT_NAMES = [
    "柏溪街道", "明德街道", "润泽街道", "嘉禾街道", "松涛街道", "知行街道", "瑞丰街道",
]
# Communities per sub-district. The sum must be 45 and each value 5-8.
COMMUNITIES_PER_SUB_DISTRICT = [8, 6, 7, 5, 7, 6, 6]
# Sub-district index -> number of its communities that are villages (村) rather than 社区.
VILLAGES_PER_SUB_DISTRICT = {3: 1, 5: 2, 6: 2}
# Streets per sub-district. The sum must be 84 and each value 10-14.
STREETS_PER_SUB_DISTRICT = [13, 11, 12, 14, 10, 12, 12]
# Enforcement squads and the sub-district indexes each one covers.
SQUAD_COVERAGE = [[0, 1], [2, 3], [4, 5], [6]]
SQUAD_NAMES = ["第一城管中队", "第二城管中队", "第三城管中队", "第四城管中队"]

COMMUNITY_NAME_STEMS = [
    "桃源", "锦绣", "阳光", "翠湖", "文苑", "春晖", "康宁", "和睦", "丰收", "金桥",
    "云杉", "玉泉", "枫林", "书香", "新苑", "东篱", "南苑", "北辰", "紫荆", "鸿福",
    "清风", "长乐", "景秀", "怡和", "安居", "福泰", "柳岸", "荷塘", "银杏", "秋实",
    "兰亭", "悦华", "晨曦", "星河", "雅居", "青桐", "梧桐", "嘉园", "惠泽", "馨园",
    "瑞雪", "沁园", "望湖", "宏业", "永宁", "泰和", "竹韵", "晓光", "和平里", "红枫",
]
VILLAGE_NAMES = ["杨家屯村", "后岗村", "北沟村", "三里堡村", "河湾村", "前榆树村"]

STREET_NAME_STEMS = [
    "青松", "明德", "惠民", "柏溪", "润泽", "嘉禾", "松涛", "知行", "瑞丰", "福顺",
    "长宁", "同乐", "兴邦", "博文", "敬业", "和美", "崇德", "仁爱", "立信", "致远",
    "丰登", "怀远", "泰宁", "安澜", "临川", "朗月", "晴川", "清源", "桂香", "椿树",
    "榆荫", "白桦", "红松", "冷杉", "云岭", "翠屏", "金穗", "银泉", "玉带", "锦华",
    "凤鸣", "鹤翔", "鸿雁", "百合", "丁香", "海棠", "芙蓉", "石榴", "樱桃", "葡萄",
    "华庭", "广济", "通达", "顺义", "聚宝", "宝丰", "育才", "求实", "进德", "修远",
    "东兴", "西宁", "南屏", "北望", "中和", "正阳", "启明", "曙光", "朝晖", "晚霞",
    "汇通", "永和", "信义", "勤俭", "守正", "清河", "沙河", "柳溪", "杏坛", "槐荫",
    "松花", "兴安", "长岭", "福康", "吉庆", "双喜", "宏图", "远航", "碧水", "青峰",
]
STREET_SUFFIXES = ["路", "路", "路", "街", "街", "大街", "大路", "胡同"]

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
)
GIVEN_NAMES = [
    "伟", "芳", "娜", "敏", "静", "磊", "军", "洋", "勇", "艳", "杰", "涛", "超", "鹏", "辉", "斌", "宁", "峰",
    "建国", "建华", "志强", "志刚", "海波", "海燕", "国庆", "秀英", "秀兰", "桂芝", "玉梅", "丽娟", "丽华", "红梅",
    "晓东", "晓梅", "晓峰", "晓丽", "春雨", "春梅", "冬梅", "雪梅", "文博", "文静", "文杰", "明轩", "明辉", "俊杰",
    "子涵", "子轩", "欣怡", "雨婷", "思远", "思琪", "佳琪", "佳慧", "嘉怡", "浩然", "浩宇", "宇航", "天宇", "一鸣",
    "立新", "立军", "永刚", "永红", "德胜", "德华", "凤霞", "淑珍", "淑华", "金凤", "玉兰", "桂英", "长青", "长春",
    "振华", "振宇", "国栋", "国伟", "亚楠", "亚军", "丹丹", "婷婷", "晶晶", "莉莉", "鑫", "颖", "琳", "倩", "蕾", "帆",
]

# Report classes and items: (code, name, items), each item (code, name, time limit in hours, area).
CATEGORY_TABLE = [
    ("01", "市容环境", [
        ("0101", "暴露垃圾", 24, "public"),
        ("0102", "道路不洁", 12, "public"),
        ("0103", "乱堆物堆料", 24, "public"),
        ("0104", "私搭乱建", 72, "public"),
    ]),
    ("02", "街面秩序", [
        ("0201", "无照游商", 4, "public"),
        ("0202", "占道经营", 4, "public"),
        ("0203", "店外经营", 8, "public"),
        ("0204", "非法小广告", 24, "public"),
    ]),
    ("03", "施工管理", [
        ("0301", "建筑垃圾乱倒", 24, "public"),
        ("0302", "渣土遗撒", 12, "public"),
        ("0303", "施工扬尘", 8, "public"),
    ]),
    ("04", "市政设施", [
        ("0401", "路面积水", 2, "public"),
        ("0402", "井盖缺失破损", 4, "public"),
        ("0403", "路灯不亮", 48, "public"),
        ("0404", "道路破损", 72, "public"),
    ]),
    ("05", "园林绿化", [
        ("0501", "绿地破坏", 48, "public"),
        ("0502", "树木倒伏", 6, "public"),
    ]),
    ("06", "小区治理", [
        ("0601", "圈占种地", 72, "residential"),
        ("0602", "楼道堆物", 48, "residential"),
        ("0603", "废品站污染", 72, "residential"),
    ]),
]

# Number of reports per item. Total 240, of which 36 (15%) are residential (06xx).
REPORT_COUNTS = {
    "0101": 32, "0102": 13, "0103": 10, "0104": 7,
    "0201": 9, "0202": 13, "0203": 9, "0204": 8,
    "0301": 8, "0302": 7, "0303": 7,
    "0401": 36, "0402": 10, "0403": 12, "0404": 11,
    "0501": 6, "0502": 6,
    "0601": 10, "0602": 14, "0603": 12,
}
PHONE_SHARE = 0.70
COORDINATE_SHARE = 0.60
EMOJI_SHARE = 0.10
MAX_REPORT_OFFSET_METERS = 250.0
MAX_DESCRIPTION_LENGTH = 500

# ---------------------------------------------------------------------------
# Description fragments. Placeholders: {time} time of day, {loc} street plus
# landmark, {rloc} place in or next to a residential compound (from the item's
# "places"), {n} one of the item's round numbers.
# ---------------------------------------------------------------------------

TIMES = [
    "今天早上六点多", "今天上午九点左右", "中午十二点多", "下午三点左右", "傍晚五点多",
    "昨晚九点多", "昨天夜里十一点多", "今天凌晨", "刚才", "这两天每天早上",
]
DURATIONS = [
    "已经两天了", "有三四天了", "快一个礼拜了", "从上周就这样", "半个多月了",
    "一个多月了也没人管", "今天刚发现的", "好几天了",
]
PUBLIC_PLACES = [
    "小区门口", "公交站旁", "菜市场东侧", "学校南门", "十字路口西北角", "超市后门",
    "银行门前", "幼儿园对面", "加油站旁边", "药店门口", "公园北门", "医院门口",
    "饭店后身", "快递驿站旁", "早市入口", "老年活动中心门前",
]
# Follow-up clauses for problems that name the moment they were seen, where
# "已经两天了" would contradict "今天早上".
FOLLOW_UPS = ["到现在还没人管", "现在还在那儿", "一直没人处理", "下午再路过还是那样"]
OPENERS = ["", "", "", "你好，", "您好，", "反映个问题：", "您好，我是附近居民，", "麻烦管一下，", "我要投诉，"]
HISTORY = [
    "上周已经反映过一次了，一直没人来。",
    "之前打过12345，说转给街道了，到现在还是老样子。",
    "跟物业说了好几回都没用。",
    "这个问题去年就有，一直没解决。",
    "社区网格员来看过一次，后来就没信儿了。",
]
IMPACTS = [
    "周边住户意见都很大。",
    "每天上下班都得经过这里。",
    "影响太不好了，外地来的亲戚看了都笑话。",
    "家里有老人孩子，出门很不方便。",
    "这条路是孩子上学的必经之路。",
    "旁边几个门市的老板也都在抱怨。",
]
LONG_EXTRAS = [
    "我家就住在旁边的楼，每天早上出门第一眼看到的就是这个，心里特别堵得慌。",
    "我们也理解城市管理不容易，但是这种事拖得越久越难办，希望相关部门重视起来，给个处理时限。",
    "我这边拍了好几张照片，需要的话可以联系我。",
    "附近好几个邻居都说要反映，估计不止我一个人打过电话了。",
    "希望处理完以后能有人回个电话，告诉一下结果。",
    "我在这住了二十多年，以前没这么乱过，这两年越来越不像样了。",
    "街路牌上扫码也反映过，显示已受理，就是不见人来。",
    "不是故意找事，实在是太影响生活了。",
]
CLOSINGS = ["谢谢！", "辛苦了。", "麻烦了，谢谢。", "盼回复。", "", ""]
GENERAL_EMOJI = ["😡", "🙏", "😤", "😭", "😓", "🤦"]

ITEM_TEXTS = {
    "0101": {
        "short": ["垃圾堆成山了没人管", "门口垃圾好几天没清了", "路边垃圾袋扔了一地", "垃圾桶满了都溢出来了", "暴露垃圾，味太大了"],
        "problems": [
            "{time}路过{loc}，路边堆了十几袋生活垃圾，有的袋子已经破了",
            "{loc}的垃圾桶早就满了，垃圾袋直接扔在桶边上，堆得有半人高",
            "{loc}有一大堆垃圾，菜叶子、外卖盒子、塑料袋啥都有，大概{n}平方米那么大",
            "{time}看到{loc}的垃圾没人清运，野猫野狗扒得到处都是",
        ],
        "details": [
            "天一热味儿特别大，隔着马路都能闻着。",
            "苍蝇蚊子围着转，旁边就是卖早点的。",
            "风一刮塑料袋满街飞。",
            "垃圾汤顺着马路牙子往下流。",
            "有人晚上偷偷往这扔装修垃圾和旧沙发。",
        ],
        "asks": ["麻烦环卫尽快来清一下。", "希望能安排清运，再多放几个垃圾桶。", "请尽快处理。"],
        "n": [2, 3, 5, 8, 10],
        "emoji": ["🤢", "🗑️"],
    },
    "0102": {
        "short": ["马路太脏了也没人扫", "路面全是泥，没人扫", "人行道上油污一大片"],
        "problems": [
            "{loc}这段路面全是泥土和碎纸屑，好几天没见环卫扫了",
            "{time}{loc}的人行道上一大片油污，走路直打滑",
            "{loc}路边落叶和烟头攒了一层，雨水篦子都被堵上了",
            "{loc}的路面上有一长条黄泥印子，大概{n}米长，像是车轮带出来的",
        ],
        "details": [
            "早上送孩子上学，鞋上全是泥。",
            "老人走这儿差点滑倒。",
            "一下雨全成泥汤子了。",
            "路边的烧烤摊每天晚上收摊都不打扫。",
        ],
        "asks": ["希望增加清扫频次。", "麻烦安排人冲洗一下路面。"],
        "n": [20, 30, 50, 100],
        "emoji": ["🧹"],
    },
    "0103": {
        "short": ["人行道堆满了杂物", "路边堆了一大堆砖", "有人在路边堆木料"],
        "problems": [
            "{loc}的人行道上堆了一堆红砖和沙子，占了大半个道",
            "{time}发现{loc}有人把旧家具、破床垫堆在路边",
            "{loc}的商户把纸箱子、泡沫箱子摞得老高，堆在人行道上",
            "{loc}路边堆了{n}根钢管和几捆木方，也没人看着",
        ],
        "details": [
            "推婴儿车过不去，只能走机动车道。",
            "盲道全被压住了。",
            "晚上没有灯，骑车的人容易撞上。",
            "问了周边的店，都说不是他们的。",
        ],
        "asks": ["请督促清走。", "麻烦查一下是谁堆的，让他挪走。"],
        "n": [10, 12, 20, 30],
        "emoji": [],
    },
    "0104": {
        "short": ["有人在路边私搭棚子", "路边新盖了个违建", "门市扩建占了人行道"],
        "problems": [
            "{loc}有一家门市在门前用彩钢板搭了个棚子，往外扩了差不多{n}米",
            "{time}看到{loc}有人在砌墙，看样子是要私自盖个小房",
            "{loc}的一户把一楼阳台往外接出去一大块，都接到人行道上了",
            "{loc}有人用铁皮围了一块地方，里面搭了个简易房",
        ],
        "details": [
            "施工都是晚上偷偷干，白天不动。",
            "这棚子挡着消防通道。",
            "附近几家看他搭了没事，也跟着要搭。",
            "问他有没有手续，他说「别多管闲事」。",
        ],
        "asks": ["请城管来核实一下有没有审批手续。", "希望依法拆除。"],
        "n": [2, 3, 4, 5],
        "emoji": [],
    },
    "0201": {
        "short": ["游商又来了，堵得走不动", "路口一堆卖菜的三轮车", "流动摊贩把路堵了"],
        "problems": [
            "{time}，{loc}来了好几辆卖水果的三轮车，停在路边就卖",
            "{loc}每天一到傍晚就有流动摊贩推车卖烤地瓜、糖葫芦",
            "{loc}有人开着面包车，后备箱打开直接卖海鲜",
            "{time}，{loc}聚集了{n}个左右的游商，卖菜的卖衣服的都有",
        ],
        "details": [
            "城管一来就跑，走了又回来。",
            "车停在公交站前面，公交车都进不了站。",
            "喇叭吆喝声特别大，一直循环放。",
            "收摊后烂菜叶子扔一地。",
        ],
        "asks": ["希望能加强巡查。", "麻烦管一管。"],
        "n": [5, 6, 8, 10],
        "emoji": [],
    },
    "0202": {
        "short": ["早市占道太严重了", "摊位都摆到马路上了", "烧烤摊占着人行道"],
        "problems": [
            "{loc}的早市摊位已经摆到机动车道上了，车根本过不去",
            "{time}，{loc}的烧烤摊把桌子椅子摆满了人行道",
            "{loc}有个修车的天天在人行道上修电动车，零件摆一地",
            "{loc}卖菜的在马路两边各摆一溜，占了差不多{n}米长",
        ],
        "details": [
            "早上上班高峰堵得死死的。",
            "行人只能在车道上走，太危险了。",
            "晚上还有烧烤摊接着占道，喝多了的人大声喧哗到后半夜。",
            "地上全是油和竹签子。",
        ],
        "asks": ["请规范一下经营区域。", "希望城管能来处理一下。"],
        "n": [30, 50, 80, 100],
        "emoji": [],
    },
    "0203": {
        "short": ["饭店在门外摆桌子", "商店把货摆到门外了", "洗车店在路边洗车"],
        "problems": [
            "{loc}的一家水果店把货架摆到店门外{n}米远",
            "{loc}有家饭店{time}就开始在门外支桌子，占了整个人行道",
            "{loc}的洗车店直接在门前人行道上洗车，水流一地",
            "{loc}的五金店把梯子、水桶、管子都摆在门外卖",
        ],
        "details": [
            "冬天洗车的水冻成冰，走路特别滑。",
            "店主说「我交着房租呢，摆门口怎么了」。",
            "说了好几回，当时收进去，第二天照样摆。",
        ],
        "asks": ["请让商户把店外经营的东西收回去。", "希望督促整改。"],
        "n": [2, 3, 4],
        "emoji": [],
    },
    "0204": {
        "short": ["电线杆上全是小广告", "墙上贴满了办证广告", "地上被喷了小广告"],
        "problems": [
            "{loc}的电线杆、配电箱上贴满了小广告，办证的、通下水的都有",
            "{time}发现{loc}的地面上被喷了一排电话号码",
            "{loc}的公交站牌被贴得乱七八糟，站名都看不清了",
            "{loc}的墙上被人用油漆写了「疏通下水」和手机号，有{n}处左右",
        ],
        "details": [
            "刚清理完没几天又贴上了。",
            "有的还是贷款广告，怕老人上当。",
            "号码都在上面，直接打过去就能找到人。",
        ],
        "asks": ["希望能清理一下，顺着电话号码查一查。", "麻烦清理。"],
        "n": [5, 6, 10, 20],
        "emoji": [],
    },
    "0301": {
        "short": ["有人乱倒装修垃圾", "路边倒了一堆建筑垃圾", "夜里有车偷倒碎砖"],
        "problems": [
            "{time}有辆小货车在{loc}倒了一车碎砖和水泥块就跑了",
            "{loc}路边被人倒了一大堆装修垃圾，有瓷砖、石膏板，大概{n}立方",
            "{loc}的空地上天天有人倒建筑垃圾，越堆越高",
            "{time}看见有人推着手推车往{loc}的绿化带里倒碎砖头",
        ],
        "details": [
            "车牌我拍下来了，需要的话可以提供。",
            "里边还有碎玻璃，小孩在旁边玩很危险。",
            "都堆到路中间了，晚上开车差点撞上。",
        ],
        "asks": ["请尽快清运并查处。", "希望晚上加强巡查。"],
        "n": [3, 5, 8, 10],
        "emoji": ["🚧"],
    },
    "0302": {
        "short": ["渣土车撒了一路土", "路面上全是渣土", "拉土车一路漏土"],
        "problems": [
            "{time}有渣土车经过{loc}，一路上撒了不少土和石子",
            "{loc}一带，工地出来的车没盖苫布，路面上撒了一道黄土，得有{n}米长",
            "{loc}路面上全是渣土车掉下来的泥块子，晒干了一刮风全是灰",
        ],
        "details": [
            "电动车压上去直打滑。",
            "车轮子也不冲洗就上路。",
            "这几天晚上一直有车拉土，声音很大。",
        ],
        "asks": ["请督促工地和运输车辆整改，把路面清干净。", "麻烦查一下是哪个工地的车。"],
        "n": [50, 100, 200, 300],
        "emoji": ["🚧"],
    },
    "0303": {
        "short": ["工地扬尘太大了", "施工灰大没法开窗", "工地裸土没盖防尘网"],
        "problems": [
            "{loc}的工地土方都没盖防尘网，一刮风尘土漫天",
            "{time}，{loc}的拆迁工地在拆楼，也不洒水，灰大得看不清对面",
            "{loc}的工地在切割石材，粉尘飘得整条街都是",
            "{loc}那个工地的围挡破了好几处，黄土裸露着也没人管",
        ],
        "details": [
            "家里窗户都不敢开，窗台一天就落一层灰。",
            "孩子咳嗽好几天了。",
            "旁边就是小学，孩子们课间都在操场上。",
            "雾炮车摆着从来没开过。",
        ],
        "asks": ["希望督促工地洒水降尘、覆盖裸土。", "请尽快处理。"],
        "n": [1],
        "emoji": ["🚧", "😷"],
    },
    "0401": {
        "short": ["路口积水过不去了", "下雨积水太深了", "积水都没过脚脖子了", "公交站积水严重"],
        "problems": [
            "{time}下完雨，{loc}积了一大片水，最深的地方能没过脚脖子",
            "{loc}的雨水篦子堵了，{time}一场雨下来，路面积水得有{n}厘米深",
            "{loc}这段路地势低，雨后积水一直排不出去，车过去溅人一身",
            "{time}，{loc}的积水已经漫上人行道了，行人只能踩着水过去",
        ],
        "details": [
            "公交车一过，等车的人全被溅湿了。",
            "有辆轿车在水里熄火了。",
            "水里看不清底下，怕有井盖被冲开。",
            "老人孩子根本没法过。",
            "每次下雨都这样，不是第一次了。",
        ],
        "asks": ["请尽快派人来疏通排水。", "麻烦赶紧来抽水。"],
        "durations": ["到现在水还没下去", "过去两三个小时了还没退", "雨停了半天了水还在"],
        "n": [10, 15, 20, 30, 40],
        "emoji": ["💧", "☔"],
    },
    "0402": {
        "short": ["井盖没了，太危险", "人行道井盖碎了", "路中间井盖翘起来了"],
        "problems": [
            "{loc}的一个井盖不见了，只剩一个黑洞，直径大概{n}公分",
            "{time}发现{loc}人行道上的井盖裂成了好几块，踩上去直晃",
            "{loc}路中间的井盖比路面低了一截，车压过去咣当咣当响",
            "{loc}的井盖被人挪开了一半，露出个大口子",
        ],
        "details": [
            "有人在旁边放了个破椅子当提示，晚上根本看不见。",
            "晚上车开过去声音特别大，楼上睡不着觉。",
            "附近就是学校，小孩放学都从这走。",
            "有个电动车前轮卡进去摔了。",
        ],
        "asks": ["请马上来处理，太危险了！", "请尽快更换井盖。"],
        "durations": ["到现在还没人来", "已经好几天了", "今天刚发现的"],
        "n": [50, 60, 70, 80],
        "emoji": ["🚧", "⚠️"],
    },
    "0403": {
        "short": ["路灯坏了好几盏", "晚上路灯不亮", "整条路黑灯瞎火的"],
        "problems": [
            "{loc}这一段的路灯晚上一直不亮，连着{n}盏都是黑的",
            "{time}走到{loc}，路灯一闪一闪的，一会亮一会灭",
            "{loc}的路灯白天亮着，晚上反倒不亮",
            "{loc}有根路灯杆被车撞歪了，灯也不亮了",
        ],
        "details": [
            "晚上下班回家走这段心里直发毛。",
            "前两天有个老太太在这摔了一跤。",
            "这段路没有监控，又黑，怕出事。",
        ],
        "asks": ["请安排维修。", "希望尽快修好。"],
        "n": [3, 4, 5, 6, 8],
        "emoji": ["💡"],
    },
    "0404": {
        "short": ["马路上有个大坑", "人行道砖松动了", "路面塌陷了一块"],
        "problems": [
            "{loc}的路面上有个大坑，直径得有{n}厘米，下雨灌满水根本看不出来",
            "{loc}的人行道砖掀起来好几块，一踩就翘",
            "{time}路过{loc}，发现路面塌下去一块，周边还有裂缝",
            "{loc}这段沥青路面坑坑洼洼，补了又坏补了又坏",
        ],
        "details": [
            "骑电动车的晚上看不见容易摔。",
            "车开过去底盘直接刮地。",
            "盲道砖也碎了好几块。",
        ],
        "asks": ["请尽快修补。", "希望能彻底修一下，别总打补丁。"],
        "n": [40, 50, 80, 100],
        "emoji": ["🚧"],
    },
    "0501": {
        "short": ["绿化带被踩秃了", "有人在绿地里停车", "草坪被人挖了"],
        "problems": [
            "{loc}的绿化带被人踩出一条小道，草全秃了",
            "{loc}有车直接开上绿地停着，草坪压出两道大车辙",
            "{time}看到有人在{loc}的绿化带里挖草皮、刨坑",
            "{loc}绿化带里的灌木被人砍了一大片，大概{n}米长",
        ],
        "details": [
            "刚补种的草没几天又踩坏了。",
            "车主说「这儿又没写不让停」。",
            "绿化带里还扔了不少垃圾。",
        ],
        "asks": ["请园林部门来看看，补种一下。", "希望加个护栏。"],
        "n": [5, 10, 15, 20],
        "emoji": ["🌱"],
    },
    "0502": {
        "short": ["大树倒了压着路", "树歪了快要倒了", "树枝断了挂在电线上"],
        "problems": [
            "{time}刮大风，{loc}一棵大杨树被刮倒了，横在人行道上",
            "{loc}的一棵树歪得厉害，根都翘起来了，随时可能倒",
            "{loc}有根大树杈被风刮断了，挂在电线上晃荡",
            "{time}，{loc}的行道树倒了，把停在下面的车砸了",
        ],
        "details": [
            "底下有人经过，太吓人了。",
            "树枝搭着电线，怕漏电。",
            "车辆只能绕行，堵了一大串。",
        ],
        "asks": ["请马上派人来处理！", "请尽快清理，注意安全。"],
        "durations": ["到现在还没人来处理", "已经一个多小时了"],
        "n": [1],
        "emoji": ["🌳", "⚠️"],
    },
    "0601": {
        "short": ["小区绿地被圈起来种菜", "有人在小区里圈地种菜", "楼下绿地被种上了大葱"],
        "problems": [
            "我们{rloc}的绿地被人用木桩和网子圈起来种菜了，差不多{n}平方米",
            "{rloc}的公共绿地被几户居民分了，种上了豆角、黄瓜",
            "{rloc}有人把草坪刨了种玉米，还往地里浇粪水",
            "{time}看到有人在{rloc}的空地上拉铁丝网圈地",
        ],
        "details": [
            "夏天味特别大，一开窗就是粪味。",
            "跟物业说了，物业说「我们也管不了」。",
            "孩子本来在那玩，现在都进不去了。",
            "越圈越多，今年又多了两块。",
        ],
        "asks": ["希望能恢复绿地。", "请社区协调处理。"],
        "n": [20, 30, 50, 80],
        "places": ["小区{b}号楼后面", "小区{b}号楼和{c}号楼中间", "小区东门内侧", "小区锅炉房后面", "小区健身器材边上"],
        "emoji": [],
    },
    "0602": {
        "short": ["楼道里堆满了杂物", "楼梯口堆了一堆纸箱", "有人在楼道里给电动车充电"],
        "problems": [
            "{rloc}的楼道里堆满了纸壳子、旧花盆和破自行车，只剩一条窄缝能走",
            "{rloc}有住户把电动车推到楼道里，还拉电线充电",
            "{rloc}一楼楼梯口堆了好几个旧柜子和一堆酸菜缸",
            "{rloc}的楼道里有人放了{n}个煤气罐，还有一堆木头",
        ],
        "details": [
            "这要是着火了，人都跑不出来。",
            "跟那户说过好几次，他说「又不碍你事」。",
            "物业贴了通知，根本没人搭理。",
            "楼道里一股味儿，还招老鼠。",
        ],
        "asks": ["请社区和物业一起来清理。", "希望尽快清理，消除隐患。"],
        "n": [2, 3, 4],
        "places": ["{b}号楼{u}单元", "我们{b}号楼{u}单元", "小区{b}号楼{u}单元"],
        "emoji": ["🔥"],
    },
    "0603": {
        "short": ["小区旁边的废品站太脏了", "废品收购站味道太大", "收废品的乱堆乱放"],
        "problems": [
            "{rloc}有个收废品的，纸壳子、塑料瓶子堆得满院子都是",
            "{rloc}的废品站天天压瓶子、砸铁，噪音特别大",
            "{rloc}那个废品站把旧电瓶、油桶随便堆着，地上都是黑油",
            "{time}，{rloc}的废品站焚烧电线外皮，烟特别呛",
        ],
        "details": [
            "夏天苍蝇老鼠特别多。",
            "早上五点就开始干活，吵得睡不了觉。",
            "污水顺着墙根往小区里流。",
            "堆那么多纸壳子，怕着火。",
        ],
        "asks": ["请相关部门来查一下有没有证照。", "希望尽快整治。"],
        "n": [1],
        "places": ["小区东门外", "小区后墙外", "小区{b}号楼后面", "小区北门对面", "小区锅炉房旁边"],
        "emoji": [],
    },
}


class UniqueFactory:
    """Random value source that never returns the same value twice."""

    def __init__(self, rng, make_value):
        self.rng = rng
        self.make_value = make_value
        self.used = set()

    def next(self):
        while True:
            value = self.make_value(self.rng)
            if value not in self.used:
                self.used.add(value)
                return value


def make_person_name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def make_phone(rng):
    return rng.choice(PHONE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(9))


def make_board_code(rng):
    return "".join(rng.choice(BOARD_CODE_ALPHABET) for _ in range(BOARD_CODE_LENGTH))


def offset_coordinates(lat, lon, north_meters, east_meters):
    """Return (lat, lon) moved by the given offsets, using a local flat-earth approximation."""
    new_lat = lat + north_meters / METERS_PER_DEGREE_LAT
    new_lon = lon + east_meters / (METERS_PER_DEGREE_LAT * math.cos(math.radians(lat)))
    return round(new_lat, 6), round(new_lon, 6)


def build_district():
    return {
        "id": "D01",
        "name": "青岚区",
        "center_lat": DISTRICT_CENTER_LAT,
        "center_lon": DISTRICT_CENTER_LON,
    }


def build_sub_districts():
    return [
        {"id": f"SD{index + 1:02d}", "name": name}
        for index, name in enumerate(SUB_DISTRICT_NAMES)
    ]


def build_communities(rng, sub_districts):
    """Create the communities. leader_id stays None until build_staff assigns a leader."""
    stems = rng.sample(COMMUNITY_NAME_STEMS, sum(COMMUNITIES_PER_SUB_DISTRICT))
    villages = list(VILLAGE_NAMES)
    rng.shuffle(villages)

    communities = []
    for sd_index, sub_district in enumerate(sub_districts):
        count = COMMUNITIES_PER_SUB_DISTRICT[sd_index]
        village_count = VILLAGES_PER_SUB_DISTRICT.get(sd_index, 0)
        for number in range(1, count + 1):
            # Villages are the last communities of a sub-district, on its rural edge.
            if number > count - village_count:
                name = villages.pop()
            else:
                name = stems.pop() + "社区"
            communities.append({
                "id": f"C{sd_index + 1:02d}{number:02d}",
                "name": name,
                "sub_district_id": sub_district["id"],
                "leader_id": None,
            })
    return communities


def build_grids(rng, communities):
    """Create 2-4 grids per community. staff_id stays None until build_staff assigns one."""
    grids = []
    for community in communities:
        for number in range(1, rng.randint(2, 4) + 1):
            grids.append({
                "id": f"G{community['id'][1:]}{number:02d}",
                "name": f"{community['name']}第{number}网格",
                "community_id": community["id"],
                "staff_id": None,
            })
    return grids


def build_units(sub_districts):
    units = [{"id": "U-DIST", "name": "区直机关", "kind": "district_office", "sub_district_ids": []}]
    for squad_index, covered in enumerate(SQUAD_COVERAGE):
        units.append({
            "id": f"U-SQ{squad_index + 1}",
            "name": SQUAD_NAMES[squad_index],
            "kind": "enforcement_squad",
            "sub_district_ids": [sub_districts[i]["id"] for i in covered],
        })
    for sub_district in sub_districts:
        units.append({
            "id": f"U-{sub_district['id']}",
            "name": sub_district["name"] + "办事处",
            "kind": "sub_district_office",
            "sub_district_ids": [sub_district["id"]],
        })
    return units


def build_staff(rng, communities, grids, units):
    """Create all staff and fill in communities' leader_id and grids' staff_id.

    Order: 252 street cadres (S0001-S0252), one leader per community, one grid
    worker per grid, then 4-6 members per enforcement squad.
    """
    names = UniqueFactory(rng, make_person_name)
    phones = UniqueFactory(rng, make_phone)
    staff = []

    def add_person(role, unit_id):
        person = {
            "id": f"S{len(staff) + 1:04d}",
            "name": names.next(),
            "role": role,
            "unit_id": unit_id,
            "phone": phones.next(),
        }
        staff.append(person)
        return person

    for _ in range(STREET_CADRE_COUNT):
        add_person("street_cadre", "U-DIST")

    community_by_id = {community["id"]: community for community in communities}
    for community in communities:
        leader = add_person("sub_district_leader", f"U-{community['sub_district_id']}")
        community["leader_id"] = leader["id"]

    for grid in grids:
        sub_district_id = community_by_id[grid["community_id"]]["sub_district_id"]
        worker = add_person("grid_staff", f"U-{sub_district_id}")
        grid["staff_id"] = worker["id"]

    for unit in units:
        if unit["kind"] == "enforcement_squad":
            for _ in range(rng.randint(4, 6)):
                add_person("squad_member", unit["id"])

    return staff, phones


def build_sub_district_centers(rng, sub_districts):
    """Place sub-district centers on a ring 2-3 km from the district center."""
    centers = {}
    step = 2 * math.pi / len(sub_districts)
    for index, sub_district in enumerate(sub_districts):
        angle = index * step + rng.uniform(-0.2, 0.2)
        radius = rng.uniform(2000, 3000)
        centers[sub_district["id"]] = offset_coordinates(
            DISTRICT_CENTER_LAT, DISTRICT_CENTER_LON,
            radius * math.sin(angle), radius * math.cos(angle),
        )
    return centers


def build_grades(rng, street_count):
    """Return a shuffled list of grades, about 25% A, 45% B and 30% C."""
    a_count = round(street_count * 0.25)
    b_count = round(street_count * 0.45)
    c_count = street_count - a_count - b_count
    grades = ["A"] * a_count + ["B"] * b_count + ["C"] * c_count
    rng.shuffle(grades)
    return grades


def build_streets(rng, sub_districts, communities, grids, staff):
    street_count = sum(STREETS_PER_SUB_DISTRICT)
    stems = rng.sample(STREET_NAME_STEMS, street_count)
    grades = build_grades(rng, street_count)
    board_codes = UniqueFactory(rng, make_board_code)
    centers = build_sub_district_centers(rng, sub_districts)

    cadre_ids = [person["id"] for person in staff if person["role"] == "street_cadre"]
    rng.shuffle(cadre_ids)

    streets = []
    for sd_index, sub_district in enumerate(sub_districts):
        local_communities = [c for c in communities if c["sub_district_id"] == sub_district["id"]]
        rng.shuffle(local_communities)
        center_lat, center_lon = centers[sub_district["id"]]

        for number in range(STREETS_PER_SUB_DISTRICT[sd_index]):
            # Cycle through the communities so each one gets at least one street when possible.
            community = local_communities[number % len(local_communities)]
            community_grids = [g for g in grids if g["community_id"] == community["id"]]
            street_index = len(streets)
            lat, lon = offset_coordinates(
                center_lat, center_lon, rng.uniform(-1000, 1000), rng.uniform(-1000, 1000),
            )
            streets.append({
                "id": f"ST{street_index + 1:03d}",
                "name": stems[street_index] + rng.choice(STREET_SUFFIXES),
                "grade": grades[street_index],
                "sub_district_id": sub_district["id"],
                "community_id": community["id"],
                "grid_id": rng.choice(community_grids)["id"],
                "board_code": board_codes.next(),
                "cadre_ids": cadre_ids[street_index * CADRES_PER_STREET:(street_index + 1) * CADRES_PER_STREET],
                "lat": lat,
                "lon": lon,
            })
    return streets


def build_categories():
    return [
        {
            "code": class_code,
            "name": class_name,
            "items": [
                {"code": code, "name": name, "time_limit_hours": hours, "area": area}
                for code, name, hours, area in items
            ],
        }
        for class_code, class_name, items in CATEGORY_TABLE
    ]


def squad_for_sub_district(units, sub_district_id):
    for unit in units:
        if unit["kind"] == "enforcement_squad" and sub_district_id in unit["sub_district_ids"]:
            return unit
    raise ValueError(f"no enforcement squad covers sub-district {sub_district_id}; add it to SQUAD_COVERAGE")


def build_rules(rng, communities, grids, units, staff, streets):
    """Create explicit routing overrides. Reports without a matching rule use the default routing."""
    rules = []

    def squad_member_of(unit_id):
        members = [person["id"] for person in staff if person["role"] == "squad_member" and person["unit_id"] == unit_id]
        return rng.choice(members)

    # A-grade streets from different squads, so the overrides touch several squads.
    a_streets = []
    used_squads = set()
    for street in streets:
        squad_id = squad_for_sub_district(units, street["sub_district_id"])["id"]
        if street["grade"] == "A" and squad_id not in used_squads:
            a_streets.append(street)
            used_squads.add(squad_id)

    # Municipal facilities (04) on two A-grade streets go straight to a named squad member.
    for street in a_streets[:2]:
        squad_id = squad_for_sub_district(units, street["sub_district_id"])["id"]
        rules.append({
            "scope": "street", "scope_id": street["id"], "category_code": "04",
            "unit_id": squad_id, "staff_id": squad_member_of(squad_id),
        })

    # Standing water (0401) on a third A-grade street also goes to a squad member.
    street = a_streets[2]
    squad_id = squad_for_sub_district(units, street["sub_district_id"])["id"]
    rules.append({
        "scope": "street", "scope_id": street["id"], "category_code": "0401",
        "unit_id": squad_id, "staff_id": squad_member_of(squad_id),
    })

    # Street-occupying stalls (0202) on a fourth A-grade street go to its squad as a whole.
    street = a_streets[3]
    rules.append({
        "scope": "street", "scope_id": street["id"], "category_code": "0202",
        "unit_id": squad_for_sub_district(units, street["sub_district_id"])["id"],
    })

    # Fenced-off vegetable plots (0601) in a village grid go to that village's leader.
    village = next(c for c in communities if c["name"].endswith("村"))
    village_grid = next(g for g in grids if g["community_id"] == village["id"])
    rules.append({
        "scope": "grid", "scope_id": village_grid["id"], "category_code": "0601",
        "unit_id": f"U-{village['sub_district_id']}", "staff_id": village["leader_id"],
    })

    # Scrap-yard pollution (0603) in one urban grid is handled by the squad.
    urban = next(c for c in communities if c["name"].endswith("社区") and c["sub_district_id"] == "SD02")
    urban_grid = next(g for g in grids if g["community_id"] == urban["id"])
    rules.append({
        "scope": "grid", "scope_id": urban_grid["id"], "category_code": "0603",
        "unit_id": squad_for_sub_district(units, "SD02")["id"],
    })

    # All construction reports (03) in SD03 go to its squad instead of the sub-district office.
    rules.append({
        "scope": "sub_district", "scope_id": "SD03", "category_code": "03",
        "unit_id": squad_for_sub_district(units, "SD03")["id"],
    })
    return rules


def render_template(rng, template, texts, street, streets_in_sub_district):
    """Fill the placeholders of one item fragment for a report on the given street."""
    place = rng.choice(PUBLIC_PLACES)
    if rng.random() < 0.15:
        others = [s for s in streets_in_sub_district if s["id"] != street["id"]]
        place = f"与{rng.choice(others)['name']}交汇处"
    residential_place = ""
    if "places" in texts:
        building = rng.randint(1, 28)
        residential_place = rng.choice(texts["places"]).format(
            b=building, u=rng.randint(1, 6), c=building + 1,
        )
    return template.format(
        time=rng.choice(TIMES),
        loc=street["name"] + place,
        rloc=residential_place,
        n=rng.choice(texts["n"]),
    )


def choose_duration(rng, texts, template):
    """Pick the clause after the problem sentence that states how long it has lasted."""
    if "durations" in texts:
        return rng.choice(texts["durations"])
    if "{time}" in template:
        return rng.choice(FOLLOW_UPS)
    return rng.choice(DURATIONS)


def write_short_description(rng, texts, street):
    text = rng.choice(texts["short"])
    # Very short complaints usually name the street so they stay locatable.
    if len(text) < 8 or rng.random() < 0.4:
        text = street["name"] + text
    return text


def write_medium_description(rng, texts, street, streets_in_sub_district):
    template = rng.choice(texts["problems"])
    problem = render_template(rng, template, texts, street, streets_in_sub_district)
    duration = choose_duration(rng, texts, template)
    text = rng.choice(OPENERS) + problem + "，" + duration + "。"
    if rng.random() < 0.5:
        text += rng.choice(texts["details"])
    return text + rng.choice(texts["asks"]) + rng.choice(CLOSINGS)


def write_long_description(rng, texts, street, streets_in_sub_district):
    """Write a long complaint by adding detail sentences until a random target length."""
    target_length = rng.randint(140, 340)
    template = rng.choice(texts["problems"])
    problem = render_template(rng, template, texts, street, streets_in_sub_district)
    duration = choose_duration(rng, texts, template)
    parts = [rng.choice(OPENERS) + problem + "，" + duration + "。"]

    # A second sighting of the same problem, so long complaints do not only pile up generic sentences.
    other_template = rng.choice([t for t in texts["problems"] if t != template])
    second_problem = "另外，" + render_template(rng, other_template, texts, street, streets_in_sub_district) + "。"
    background = rng.sample(IMPACTS, 2) + rng.sample(HISTORY, 1) + rng.sample(LONG_EXTRAS, 4) + [second_problem]
    rng.shuffle(background)
    extras = rng.sample(texts["details"], min(3, len(texts["details"]))) + background
    ending = rng.choice(texts["asks"]) + rng.choice(CLOSINGS)
    for sentence in extras:
        if sum(len(part) for part in parts) + len(ending) >= target_length:
            break
        parts.append(sentence)
    parts.append(ending)

    # About a third of long complaints are typed as several lines.
    separator = "\n" if rng.random() < 0.3 else ""
    return separator.join(parts)


def add_emoji(rng, text, texts):
    emoji = rng.choice(texts["emoji"] + GENERAL_EMOJI)
    if rng.random() < 0.5:
        return text + emoji * rng.randint(1, 3)
    # Put the emoji after the first sentence instead of at the end.
    cut = text.find("。")
    if cut == -1:
        return text + emoji
    return text[:cut + 1] + emoji + text[cut + 1:]


def pick_flag_indexes(rng, total, share):
    return set(rng.sample(range(total), round(total * share)))


def build_reports(rng, streets, used_phones):
    codes = [code for code, count in REPORT_COUNTS.items() for _ in range(count)]
    rng.shuffle(codes)
    total = len(codes)

    # The first reports each go to a different street so that coverage is wide.
    # The rest lean towards A-grade streets, which carry more traffic.
    distinct_streets = rng.sample(streets, REPORT_STREET_MIN_DISTINCT)
    grade_weights = {"A": 3, "B": 2, "C": 1}
    weights = [grade_weights[street["grade"]] for street in streets]

    with_phone = pick_flag_indexes(rng, total, PHONE_SHARE)
    with_coordinates = pick_flag_indexes(rng, total, COORDINATE_SHARE)
    with_emoji = pick_flag_indexes(rng, total, EMOJI_SHARE)

    reports = []
    for index, code in enumerate(codes):
        if index < len(distinct_streets):
            street = distinct_streets[index]
        else:
            street = rng.choices(streets, weights=weights)[0]
        streets_in_sub_district = [s for s in streets if s["sub_district_id"] == street["sub_district_id"]]

        texts = ITEM_TEXTS[code]
        style = rng.random()
        if style < 0.18:
            description = write_short_description(rng, texts, street)
        elif style < 0.70:
            description = write_medium_description(rng, texts, street, streets_in_sub_district)
        else:
            description = write_long_description(rng, texts, street, streets_in_sub_district)
        if index in with_emoji:
            description = add_emoji(rng, description, texts)
        if not 1 <= len(description) <= MAX_DESCRIPTION_LENGTH:
            raise ValueError(
                f"invalid description length {len(description)} for report {index} "
                f"(must be 1-{MAX_DESCRIPTION_LENGTH}); shorten the fragments in ITEM_TEXTS"
            )

        lat = lon = None
        if index in with_coordinates:
            distance = rng.uniform(0, MAX_REPORT_OFFSET_METERS)
            bearing = rng.uniform(0, 2 * math.pi)
            lat, lon = offset_coordinates(
                street["lat"], street["lon"], distance * math.cos(bearing), distance * math.sin(bearing),
            )

        reports.append({
            "street_id": street["id"],
            "category_code": code,
            "description": description,
            "contact_phone": used_phones.next() if index in with_phone else None,
            "lat": lat,
            "lon": lon,
        })
    return reports


def write_json(path, data):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def main():
    rng = random.Random(SEED)

    district = build_district()
    sub_districts = build_sub_districts()
    communities = build_communities(rng, sub_districts)
    grids = build_grids(rng, communities)
    units = build_units(sub_districts)
    staff, phones = build_staff(rng, communities, grids, units)
    streets = build_streets(rng, sub_districts, communities, grids, staff)
    categories = build_categories()
    rules = build_rules(rng, communities, grids, units, staff, streets)

    write_json(OUTPUT_DIR / "district.json", {
        "district": district,
        "sub_districts": sub_districts,
        "communities": communities,
        "grids": grids,
        "units": units,
        "staff": staff,
        "streets": streets,
        "categories": categories,
        "rules": rules,
    })

    # Reporter phones share the staff phone factory, so no report reuses a staff number.
    reports = build_reports(rng, streets, phones)
    write_json(OUTPUT_DIR / "reports.json", reports)
    print(f"wrote {len(staff)} staff, {len(streets)} streets and {len(reports)} reports to {OUTPUT_DIR}")


if __name__ == "__main__":
    main()
