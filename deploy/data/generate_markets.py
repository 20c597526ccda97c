#!/usr/bin/env python3
"""Generate the fictional markets dataset for Jielu's markets service.

Reads district.json (written by generate.py) for the streets and writes
markets.json next to this script:

* 4 container markets (集装箱市场) next to hospitals and schools, each on a
  street of the reference district, with opening hours and 112 stalls in all
  (type food, produce or goods, size in m², monthly fee in yuan, status);
* 60 vendors with well-formed but fictional 18-character ID-card numbers, 48
  of them holding a permit and 6 of them waiting on a waitlist;
* 7 recycling stations (再生资源回收站) on district streets, 6 with a valid
  license and 1 whose license has lapsed;
* 4 licensed haulers (建筑垃圾运输单位) with their vehicles, and 3 licensed
  disposal sites (消纳场).

Dates are written as "YYYY-MM-DD" in the district's time zone (UTC+8); an end
or valid-until date is the last day included. Every name, number and plate is
invented. The random seed is fixed, so rerunning reproduces the file byte for
byte (checked with Python 3.11):

    python3 deploy/data/generate_markets.py

Only the Python 3 standard library is used.
"""

import json
import random
from pathlib import Path

from generate import GIVEN_NAMES, SURNAMES, UniqueFactory, make_phone, offset_coordinates, write_json

SEED = 20261204
OUTPUT_DIR = Path(__file__).resolve().parent

# (id, name, street index in district.json, served facility kind, facility name,
#  opening time, closing time, stalls per type (food, produce, goods)).
MARKETS = [
    ("MK01", "人民医院集装箱便民市场", 7, "hospital", "青岚区人民医院", "06:00", "20:00", (12, 10, 10)),
    ("MK02", "实验小学集装箱便民市场", 19, "school", "青岚区实验小学", "06:30", "19:00", (8, 10, 10)),
    ("MK03", "中医院集装箱便民市场", 40, "hospital", "青岚区中医院", "06:00", "19:30", (8, 10, 8)),
    ("MK04", "第二中学集装箱便民市场", 63, "school", "青岚区第二中学", "07:00", "19:00", (8, 8, 10)),
]
STALL_TYPES = ["food", "produce", "goods"]
STALL_ROWS = {"food": "A", "produce": "B", "goods": "C"}
# Size in m² and monthly fee in yuan per stall type: (sizes, fees).
STALL_SIZES = {"food": [6.0, 7.5, 9.0], "produce": [7.5, 9.0, 12.0], "goods": [6.0, 7.5, 9.0]}
FEE_PER_M2_YUAN = {"food": 55, "produce": 40, "goods": 45}

# Stalls held by a permit, per market and type. MK02's food stalls are all
# taken, so its food waitlist only moves when a permit ends.
OCCUPIED = {
    "MK01": {"food": 10, "produce": 6, "goods": 4},
    "MK02": {"food": 8, "produce": 4, "goods": 3},
    "MK03": {"food": 3, "produce": 3, "goods": 2},
    "MK04": {"food": 2, "produce": 2, "goods": 1},
}
# Stalls the market manager has closed (for repairs), per market and type.
CLOSED = {"MK01": {"goods": 1}, "MK03": {"produce": 1}, "MK04": {"goods": 1}}
# Waiting applications: (market, stall type, hardship).
WAITING = [
    ("MK01", "food", False), ("MK01", "food", True), ("MK01", "produce", False),
    ("MK02", "produce", True), ("MK03", "goods", False), ("MK04", "food", True),
]
REGISTERED_ONLY = 6

PERMIT_START_DATES = ["2026-01-01", "2026-03-01", "2026-05-01", "2026-07-01"]
PERMIT_YEARS = 1

ID_CARD_REGION = "220102"
ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CARD_CHECK = "10X98765432"
APPLICATION_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PLATE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"

# (street index in district.json, operator); a station is named after its street.
STATIONS = [
    (2, "青岚区绿源再生资源回收有限公司"),
    (16, "吉林省恒通物资回收有限公司"),
    (27, "青岚区银泉废旧物资回收站"),
    (45, "青岚区惠邦再生资源有限公司"),
    (52, "青岚区顺达物资回收部"),
    (70, "青岚区通达再生资源回收有限公司"),
    (77, "青岚区福康废品收购站"),
]
# The station whose license lapsed; reports there stay unlinked by street.
LAPSED_STATION_INDEX = 6

HAULERS = [
    ("HL01", "青岚区宏达渣土运输有限公司", 3),
    ("HL02", "吉林省顺通建筑垃圾清运有限公司", 2),
    ("HL03", "青岚区安捷运输服务有限公司", 2),
    ("HL04", "青岚区城建清运有限公司", 3),
]
VEHICLE_CAPACITIES_TONNES = [8.0, 12.0, 18.0, 25.0]

DISPOSAL_SITES = [
    ("DS01", "北郊建筑垃圾消纳场", "青岚区北郊三道沟", 43.935, 125.301),
    ("DS02", "东山建筑垃圾资源化利用厂", "青岚区东山工业园区", 43.889, 125.392),
    ("DS03", "南湖建筑垃圾临时消纳点", "青岚区南湖屯", 43.828, 125.324),
]


def make_id_card(rng):
    """An 18-character number: region, birth date, sequence, GB 11643 check character."""
    year = rng.randint(1962, 2000)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    body = f"{ID_CARD_REGION}{year:04d}{month:02d}{day:02d}{rng.randint(0, 999):03d}"
    total = sum(int(digit) * weight for digit, weight in zip(body, ID_CARD_WEIGHTS))
    return body + ID_CARD_CHECK[total % 11]


def make_name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def make_application_number(rng):
    return "SQ" + "".join(rng.choice(APPLICATION_ALPHABET) for _ in range(10))


def make_plate(rng):
    return "吉A" + "".join(rng.choice(PLATE_ALPHABET) for _ in range(5))


def used_phones():
    """Phones in district.json and reports.json, which the vendors must not reuse."""
    district = json.loads((OUTPUT_DIR / "district.json").read_text(encoding="utf-8"))
    phones = {person["phone"] for person in district["staff"]}
    reports = json.loads((OUTPUT_DIR / "reports.json").read_text(encoding="utf-8"))
    phones.update(report["contact_phone"] for report in reports if report["contact_phone"])
    return phones


def build_markets(rng, streets):
    markets = []
    for market_id, name, street_index, near_kind, near_name, opens, closes, counts in MARKETS:
        street = streets[street_index]
        lat, lon = offset_coordinates(street["lat"], street["lon"], rng.uniform(-80, 80), rng.uniform(-80, 80))
        stalls = []
        closed = CLOSED.get(market_id, {})
        for stall_type, count in zip(STALL_TYPES, counts):
            for number in range(1, count + 1):
                size = rng.choice(STALL_SIZES[stall_type])
                # Closed stalls are the last of their row.
                status = "suspended" if number > count - closed.get(stall_type, 0) else "free"
                stalls.append({
                    "id": f"{market_id}-{STALL_ROWS[stall_type]}{number:02d}",
                    "number": f"{STALL_ROWS[stall_type]}-{number:02d}",
                    "stall_type": stall_type,
                    "size_m2": size,
                    "monthly_fee_yuan": int(size * FEE_PER_M2_YUAN[stall_type]),
                    "status": status,
                })
        markets.append({
            "id": market_id,
            "name": name,
            "street_id": street["id"],
            "address": f"{street['name']}{near_name}旁",
            "near_kind": near_kind,
            "near_name": near_name,
            "lat": lat,
            "lon": lon,
            "opens_at": opens,
            "closes_at": closes,
            "stalls": stalls,
        })
    return markets


def build_vendors_and_permits(rng, markets, phones):
    names = UniqueFactory(rng, make_name)
    id_cards = UniqueFactory(rng, make_id_card)
    numbers = UniqueFactory(rng, make_application_number)
    vendors, permits, applications = [], [], []

    def add_vendor(goods_type, hardship, registered):
        vendor = {
            "id": f"V{len(vendors) + 1:04d}",
            "name": names.next(),
            "id_card": id_cards.next(),
            "phone": phones.next(),
            "goods_type": goods_type,
            "hardship": hardship,
            "registered_at": registered,
        }
        vendors.append(vendor)
        return vendor

    for market in markets:
        occupied = OCCUPIED[market["id"]]
        for stall_type in STALL_TYPES:
            free_stalls = [s for s in market["stalls"] if s["stall_type"] == stall_type and s["status"] == "free"]
            for stall in free_stalls[:occupied[stall_type]]:
                start = rng.choice(PERMIT_START_DATES)
                year, month, _ = (int(part) for part in start.split("-"))
                vendor = add_vendor(stall_type, rng.random() < 0.25, f"{year - 1}-12-{rng.randint(1, 28):02d}T09:{rng.randint(0, 59):02d}:00+08:00")
                end_month = month - 1 or 12
                end_year = year + PERMIT_YEARS - (1 if month == 1 else 0)
                end_day = {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}.get(end_month, 31)
                permits.append({
                    "id": f"P{len(permits) + 1:06d}",
                    "vendor_id": vendor["id"],
                    "stall_id": stall["id"],
                    "start_date": start,
                    "end_date": f"{end_year}-{end_month:02d}-{end_day:02d}",
                })
                stall["status"] = "occupied"

    for index, (market_id, stall_type, hardship) in enumerate(WAITING):
        vendor = add_vendor(stall_type, hardship, f"2026-10-{index + 10:02d}T10:00:00+08:00")
        applications.append({
            "number": numbers.next(),
            "vendor_id": vendor["id"],
            "market_id": market_id,
            "applied_at": f"2026-11-{index * 3 + 2:02d}T{8 + index:02d}:{rng.randint(0, 59):02d}:00+08:00",
        })

    for index in range(REGISTERED_ONLY):
        add_vendor(STALL_TYPES[index % 3], index == 0, f"2026-11-{index + 20:02d}T14:30:00+08:00")
    return vendors, permits, applications


def build_stations(rng, streets):
    stations = []
    for index, (street_index, operator) in enumerate(STATIONS):
        street = streets[street_index]
        lat, lon = offset_coordinates(street["lat"], street["lon"], rng.uniform(-150, 150), rng.uniform(-150, 150))
        lapsed = index == LAPSED_STATION_INDEX
        stations.append({
            "id": f"RS{index + 1:02d}",
            "name": street["name"] + "再生资源回收站",
            "street_id": street["id"],
            "address": f"{street['name']}{rng.randint(1, 300)}号",
            "lat": lat,
            "lon": lon,
            "operator": operator,
            "license_number": f"吉长商再备{2023 + index % 3}{rng.randint(100, 999)}号",
            "license_valid_from": "2023-06-01" if lapsed else f"{2024 + index % 2}-01-01",
            "license_valid_until": "2026-05-31" if lapsed else f"{2027 + index % 2}-12-31",
        })
    return stations


def build_haulers(rng):
    plates = UniqueFactory(rng, make_plate)
    haulers = []
    for index, (hauler_id, name, vehicle_count) in enumerate(HAULERS):
        haulers.append({
            "id": hauler_id,
            "name": name,
            "license_number": f"青城管运字〔2025〕{index + 11:03d}号",
            "license_valid_from": "2025-03-01",
            "license_valid_until": "2027-02-28" if index % 2 else "2028-02-29",
            "vehicles": [
                {"plate": plates.next(), "capacity_tonnes": rng.choice(VEHICLE_CAPACITIES_TONNES)}
                for _ in range(vehicle_count)
            ],
        })
    return haulers


def build_disposal_sites():
    return [
        {
            "id": site_id,
            "name": name,
            "address": address,
            "lat": lat,
            "lon": lon,
            "license_number": f"青城管消纳字〔2024〕{index + 1:03d}号",
            "license_valid_from": "2024-07-01",
            "license_valid_until": "2027-06-30" if index == 2 else "2029-06-30",
        }
        for index, (site_id, name, address, lat, lon) in enumerate(DISPOSAL_SITES)
    ]


def main():
    rng = random.Random(SEED)
    district = json.loads((OUTPUT_DIR / "district.json").read_text(encoding="utf-8"))
    streets = district["streets"]

    phones = UniqueFactory(rng, make_phone)
    phones.used.update(used_phones())

    markets = build_markets(rng, streets)
    vendors, permits, applications = build_vendors_and_permits(rng, markets, phones)
    stations = build_stations(rng, streets)
    haulers = build_haulers(rng)
    disposal_sites = build_disposal_sites()

    stall_count = sum(len(market["stalls"]) for market in markets)
    if stall_count != 112:
        raise ValueError(f"the reference district has 112 stalls, generated {stall_count}; fix MARKETS")

    write_json(OUTPUT_DIR / "markets.json", {
        "markets": markets,
        "vendors": vendors,
        "applications": applications,
        "permits": permits,
        "recycling_stations": stations,
        "haulers": haulers,
        "disposal_sites": disposal_sites,
    })
    print(
        f"wrote {len(markets)} markets with {stall_count} stalls, {len(vendors)} vendors, "
        f"{len(permits)} permits, {len(applications)} applications, {len(stations)} stations, "
        f"{len(haulers)} haulers and {len(disposal_sites)} disposal sites to {OUTPUT_DIR / 'markets.json'}"
    )


if __name__ == "__main__":
    main()
