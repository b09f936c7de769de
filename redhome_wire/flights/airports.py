"""The airports CSX (Changsha Huanghua) serves: city names in Chinese and English, pinyin, country.

A curated table rather than a pinyin converter: providers give only the airport's English name,
so a table is needed anyway for the Chinese city name and the country; place names are full of
polyphones a character-by-character converter can get wrong (重庆 chóngqìng, 长沙 chángshā,
厦门 xiàmén, 岘港 xiàngǎng); and the kiosk ships no new dependency. An airport outside the table
is still searchable by IATA code and English name; a file feed may name its city and pinyin.
tests/county/flights/test_flight_airports.py checks that every pinyin is well-formed and has one
syllable per character.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

HOME_COUNTRY: Final = "CN"


@dataclass(frozen=True, slots=True)
class Airport:
    iata: str
    city_zh: str
    city_en: str
    pinyin: str  # lower-case syllables without tones, space-separated
    country: str  # ISO 3166 alpha-2
    tz: str

    @property
    def initials(self) -> str:
        return "".join(syllable[0] for syllable in self.pinyin.split())


_SH = "Asia/Shanghai"
_URC = "Asia/Urumqi"

# iata, 中文城市, English city, pinyin, country, time zone
_TABLE: Final[tuple[tuple[str, str, str, str, str, str], ...]] = (
    # --- mainland China ---
    ("CSX", "长沙", "Changsha", "chang sha", "CN", _SH),
    ("PEK", "北京", "Beijing", "bei jing", "CN", _SH),
    ("PKX", "北京", "Beijing", "bei jing", "CN", _SH),
    ("SHA", "上海", "Shanghai", "shang hai", "CN", _SH),
    ("PVG", "上海", "Shanghai", "shang hai", "CN", _SH),
    ("CAN", "广州", "Guangzhou", "guang zhou", "CN", _SH),
    ("SZX", "深圳", "Shenzhen", "shen zhen", "CN", _SH),
    ("CTU", "成都", "Chengdu", "cheng du", "CN", _SH),
    ("TFU", "成都", "Chengdu", "cheng du", "CN", _SH),
    ("KMG", "昆明", "Kunming", "kun ming", "CN", _SH),
    ("XIY", "西安", "Xi'an", "xi an", "CN", _SH),
    ("HAK", "海口", "Haikou", "hai kou", "CN", _SH),
    ("SYX", "三亚", "Sanya", "san ya", "CN", _SH),
    ("XMN", "厦门", "Xiamen", "xia men", "CN", _SH),
    ("HGH", "杭州", "Hangzhou", "hang zhou", "CN", _SH),
    ("CKG", "重庆", "Chongqing", "chong qing", "CN", _SH),
    ("URC", "乌鲁木齐", "Urumqi", "wu lu mu qi", "CN", _URC),
    ("HRB", "哈尔滨", "Harbin", "ha er bin", "CN", _SH),
    ("SHE", "沈阳", "Shenyang", "shen yang", "CN", _SH),
    ("DLC", "大连", "Dalian", "da lian", "CN", _SH),
    ("TAO", "青岛", "Qingdao", "qing dao", "CN", _SH),
    ("TSN", "天津", "Tianjin", "tian jin", "CN", _SH),
    ("NKG", "南京", "Nanjing", "nan jing", "CN", _SH),
    ("NNG", "南宁", "Nanning", "nan ning", "CN", _SH),
    ("KWE", "贵阳", "Guiyang", "gui yang", "CN", _SH),
    ("KWL", "桂林", "Guilin", "gui lin", "CN", _SH),
    ("LHW", "兰州", "Lanzhou", "lan zhou", "CN", _SH),
    ("TNA", "济南", "Jinan", "ji nan", "CN", _SH),
    ("CGQ", "长春", "Changchun", "chang chun", "CN", _SH),
    ("FOC", "福州", "Fuzhou", "fu zhou", "CN", _SH),
    ("NGB", "宁波", "Ningbo", "ning bo", "CN", _SH),
    ("WNZ", "温州", "Wenzhou", "wen zhou", "CN", _SH),
    ("YNT", "烟台", "Yantai", "yan tai", "CN", _SH),
    ("BHY", "北海", "Beihai", "bei hai", "CN", _SH),
    ("ZUH", "珠海", "Zhuhai", "zhu hai", "CN", _SH),
    ("SWA", "揭阳", "Jieyang", "jie yang", "CN", _SH),
    ("LJG", "丽江", "Lijiang", "li jiang", "CN", _SH),
    ("DLU", "大理", "Dali", "da li", "CN", _SH),
    ("JHG", "西双版纳", "Xishuangbanna", "xi shuang ban na", "CN", _SH),
    ("INC", "银川", "Yinchuan", "yin chuan", "CN", _SH),
    ("XNN", "西宁", "Xining", "xi ning", "CN", _SH),
    ("HET", "呼和浩特", "Hohhot", "hu he hao te", "CN", _SH),
    ("TYN", "太原", "Taiyuan", "tai yuan", "CN", _SH),
    ("SJW", "石家庄", "Shijiazhuang", "shi jia zhuang", "CN", _SH),
    ("CGO", "郑州", "Zhengzhou", "zheng zhou", "CN", _SH),
    ("HFE", "合肥", "Hefei", "he fei", "CN", _SH),
    ("KHN", "南昌", "Nanchang", "nan chang", "CN", _SH),
    ("LXA", "拉萨", "Lhasa", "la sa", "CN", _SH),
    ("KRL", "库尔勒", "Korla", "ku er le", "CN", _URC),
    ("KHG", "喀什", "Kashgar", "ka shi", "CN", _URC),
    # --- Hong Kong, Macao, Taiwan: border control, so "international" for the allowance ---
    ("HKG", "香港", "Hong Kong", "xiang gang", "HK", "Asia/Hong_Kong"),
    ("MFM", "澳门", "Macao", "ao men", "MO", "Asia/Macau"),
    ("TPE", "台北", "Taipei", "tai bei", "TW", "Asia/Taipei"),
    ("KHH", "高雄", "Kaohsiung", "gao xiong", "TW", "Asia/Taipei"),
    # --- international ---
    ("BKK", "曼谷", "Bangkok", "man gu", "TH", "Asia/Bangkok"),
    ("DMK", "曼谷", "Bangkok", "man gu", "TH", "Asia/Bangkok"),
    ("HKT", "普吉", "Phuket", "pu ji", "TH", "Asia/Bangkok"),
    ("CNX", "清迈", "Chiang Mai", "qing mai", "TH", "Asia/Bangkok"),
    ("SIN", "新加坡", "Singapore", "xin jia po", "SG", "Asia/Singapore"),
    ("ICN", "首尔", "Seoul", "shou er", "KR", "Asia/Seoul"),
    ("GMP", "首尔", "Seoul", "shou er", "KR", "Asia/Seoul"),
    ("PUS", "釜山", "Busan", "fu shan", "KR", "Asia/Seoul"),
    ("CJU", "济州", "Jeju", "ji zhou", "KR", "Asia/Seoul"),
    ("NRT", "东京", "Tokyo", "dong jing", "JP", "Asia/Tokyo"),
    ("HND", "东京", "Tokyo", "dong jing", "JP", "Asia/Tokyo"),
    ("KIX", "大阪", "Osaka", "da ban", "JP", "Asia/Tokyo"),
    ("NGO", "名古屋", "Nagoya", "ming gu wu", "JP", "Asia/Tokyo"),
    ("KUL", "吉隆坡", "Kuala Lumpur", "ji long po", "MY", "Asia/Kuala_Lumpur"),
    ("BKI", "亚庇", "Kota Kinabalu", "ya bi", "MY", "Asia/Kuching"),
    ("SGN", "胡志明市", "Ho Chi Minh City", "hu zhi ming shi", "VN", "Asia/Ho_Chi_Minh"),
    ("HAN", "河内", "Hanoi", "he nei", "VN", "Asia/Ho_Chi_Minh"),
    ("DAD", "岘港", "Da Nang", "xian gang", "VN", "Asia/Ho_Chi_Minh"),
    ("DPS", "巴厘岛", "Bali", "ba li dao", "ID", "Asia/Makassar"),
    ("MNL", "马尼拉", "Manila", "ma ni la", "PH", "Asia/Manila"),
    ("VTE", "万象", "Vientiane", "wan xiang", "LA", "Asia/Vientiane"),
    ("RGN", "仰光", "Yangon", "yang guang", "MM", "Asia/Yangon"),
    ("KTM", "加德满都", "Kathmandu", "jia de man du", "NP", "Asia/Kathmandu"),
    ("DXB", "迪拜", "Dubai", "di bai", "AE", "Asia/Dubai"),
    ("FRA", "法兰克福", "Frankfurt", "fa lan ke fu", "DE", "Europe/Berlin"),
    ("LHR", "伦敦", "London", "lun dun", "GB", "Europe/London"),
    ("CDG", "巴黎", "Paris", "ba li", "FR", "Europe/Paris"),
    ("LAX", "洛杉矶", "Los Angeles", "luo shan ji", "US", "America/Los_Angeles"),
    ("SYD", "悉尼", "Sydney", "xi ni", "AU", "Australia/Sydney"),
    ("MEL", "墨尔本", "Melbourne", "mo er ben", "AU", "Australia/Melbourne"),
    ("NBO", "内罗毕", "Nairobi", "nei luo bi", "KE", "Africa/Nairobi"),
)

AIRPORTS: Final[dict[str, Airport]] = {row[0]: Airport(*row) for row in _TABLE}

# ICAO prefixes of mainland China (ZK is North Korea, ZM Mongolia), Hong Kong, Macao, Taiwan.
_ICAO_COUNTRY: Final[tuple[tuple[str, str], ...]] = (
    ("VH", "HK"),
    ("VM", "MO"),
    ("RC", "TW"),
    ("ZB", "CN"),
    ("ZG", "CN"),
    ("ZH", "CN"),
    ("ZJ", "CN"),
    ("ZL", "CN"),
    ("ZP", "CN"),
    ("ZS", "CN"),
    ("ZU", "CN"),
    ("ZW", "CN"),
    ("ZY", "CN"),
    ("RK", "KR"),
    ("RJ", "JP"),
    ("RO", "JP"),
    ("VT", "TH"),
    ("WS", "SG"),
    ("WM", "MY"),
    ("VV", "VN"),
)
_TZ_COUNTRY: Final[dict[str, str]] = {
    "Asia/Shanghai": "CN",
    "Asia/Urumqi": "CN",
    "Asia/Chongqing": "CN",
    "Asia/Harbin": "CN",
    "Asia/Hong_Kong": "HK",
    "Asia/Macau": "MO",
    "Asia/Taipei": "TW",
}


def lookup(iata: str | None) -> Airport | None:
    if not iata:
        return None
    return AIRPORTS.get(iata.strip().upper())


def infer_country(iata: str | None, icao: str | None = None, tz: str | None = None) -> str | None:
    """The other airport's country: the table, else the ICAO prefix, else the time zone."""
    airport = lookup(iata)
    if airport is not None:
        return airport.country
    if icao:
        code = icao.strip().upper()
        for prefix, country in _ICAO_COUNTRY:
            if code.startswith(prefix):
                return country
    if tz:
        return _TZ_COUNTRY.get(tz.strip())
    return None


def is_international(country: str | None, home: str = HOME_COUNTRY) -> bool | None:
    """True when passengers clear border control (Hong Kong, Macao, Taiwan count); None unknown."""
    if country is None:
        return None
    return country.upper() != home
