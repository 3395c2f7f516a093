"""Shanghai First People's Hospital's resident experts in Ningde (seed 004): ten senior
experts posted for a year each to Ningde Municipal Hospital, run in cooperation with
Shanghai since 2023."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from demo.stories.common import departments, email, first_of_month_after, plus_years

NINGDE = "Ningde Municipal Hospital — Shanghai First People's Hospital Ningde Hospital"
SHANGHAI_1 = "Shanghai First People's Hospital"
NINGDE_HOSPITAL = "Ningde Municipal Hospital"

HOSTS = [
    {
        "name": NINGDE,
        "name_native": "宁德市医院",
        "kind": "host",
        "country": "CN",
        "city": "Ningde",
        "time_zone": "Asia/Shanghai",
    },
]

SENDING = [
    {
        "name": SHANGHAI_1,
        "name_native": "上海市第一人民医院",
        "kind": "sending",
        "country": "CN",
        "city": "Shanghai",
        "time_zone": "Asia/Shanghai",
    },
]

HOSPITALS = [
    {
        "organisation": NINGDE,
        "name": NINGDE_HOSPITAL,
        "name_native": "宁德市医院",
        "city": "Ningde",
        "country": "CN",
        "kind": "general",
        "grade": "Shanghai First People's Hospital Ningde Hospital (cooperative medical service)",
        "international_office_name": "Lin Yaqin (林雅琴)",
        "international_office_email": "cooperation.ningde@example.org",
        "international_office_phone": "+86 593 555 0141",
        "latitude": "26.661500",
        "longitude": "119.547000",
        "description": "Municipal hospital of Ningde, eastern Fujian. Since 2023 run in "
        "cooperation with Shanghai First People's Hospital, whose resident experts work "
        "here with apprentice studios and multidisciplinary tumour teams.",
        "departments": departments(
            ("ophthalmology", 1),
            ("orthopedics", 2),
            ("neurosurgery", 1),
            ("gastroenterology", 2),
            ("cardiology", 1),
            ("oncology", 2),
            ("urology", 1),
        ),
    },
    {
        "organisation": SHANGHAI_1,
        "name": SHANGHAI_1,
        "name_native": "上海市第一人民医院",
        "city": "Shanghai",
        "country": "CN",
        "kind": "general",
        "grade": "Grade III-A general hospital (since 1992)",
        "latitude": "31.247000",
        "longitude": "121.487000",
        "departments": [],
    },
]

COORDINATORS = [
    {
        "email": email("chen.xiaoling"),
        "first_name": "Xiaoling",
        "last_name": "Chen",
        "native_name": "陈晓玲",
        "language": "zh-hans",
        "time_zone": "Asia/Shanghai",
        "coordinator_of": NINGDE,
    },
]

PARTNERSHIPS = [
    {
        "host": NINGDE,
        "partner": SHANGHAI_1,
        "title": "Shanghai First People's Hospital Ningde Hospital — cooperative medical service",
        "signed_on": date(2023, 11, 1),
        "yearly_quota": 10,
        "notes": "Ten Shanghai experts reside in Ningde; five famous-doctor apprentice "
        "studios; four MDT teams (breast and thyroid, head and neck, chest, digestive tract "
        "tumours).",
    },
]


def programs(today: date) -> list[dict]:
    window_opens = today - timedelta(days=30)

    posting_start = first_of_month_after(today + timedelta(days=90))
    posting_end = plus_years(posting_start, 1) - timedelta(days=1)
    resident_experts = {
        "organisation": NINGDE,
        "kind": "resident_expert",
        "title": "Resident-expert posting in Ningde",
        "summary": "Twelve months as a resident expert at Ningde Municipal Hospital: "
        "outpatient clinics, ward rounds, case discussions, lectures, operations and an "
        "apprentice studio.",
        "description": "Shanghai First People's Hospital posts ten senior experts to Ningde "
        "Municipal Hospital for a year each, to build up ophthalmology, orthopedics, "
        "neurosurgery, gastroenterology, cardiology, oncology and urology. Each expert runs "
        "a teacher-led apprentice studio and reports activity counts.\n\n"
        "As of April 14 the ten resident experts had carried out 4,826 outpatient visits, "
        "479 ward rounds, 212 difficult case discussions, 64 lectures and 332 operations, "
        "and brought more than 30 new clinical techniques to Ningde.",
        "start_date": posting_start,
        "end_date": posting_end,
        "application_opens": window_opens,
        "application_closes": posting_start - timedelta(days=45),
        "seats": 10,
        "specialties": [
            "ophthalmology",
            "orthopedics",
            "neurosurgery",
            "gastroenterology",
            "cardiology",
            "oncology",
            "urology",
        ],
        "working_language": "zh",
        "min_language_level": "C1",
        "language_notes": "Clinics, ward rounds and lectures are held in Mandarin Chinese.",
        "required_documents": ["diploma", "licence", "cv", "nomination"],
        "covers_travel": True,
        "covers_stipend": False,
        "covers_housing": True,
        "covers_meals": True,
        "fee": Decimal("0"),
        "currency": "CNY",
        "cost_notes": "Experts stay employed and paid by Shanghai First People's Hospital; "
        "Ningde provides housing, meals and travel home.",
        "rotation": [
            {
                "hospital": NINGDE_HOSPITAL,
                "start_date": posting_start,
                "end_date": posting_end,
            }
        ],
        "status": "published",
        "by": email("chen.xiaoling"),
    }
    return [resident_experts]
