"""Gyeonggi Province's Global Healthcare Academy (seed 002): the academy, its eight host
hospitals and its yearly four-week clinical training program, which rotates a cohort of
nominated specialists over the hospitals (2014 and next year's edition).

Its coordinator and supervisors are in `gyeonggi_staff`; the Russian cohort, their
ministries and hospitals in `gyeonggi_cohort`.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from demo.stories.common import departments, email

GYEONGGI = "Gyeonggi Global Healthcare Academy"

ST_VINCENT = "Catholic University St. Vincent's Hospital"
BUCHEON_ST_MARY = "Catholic University Bucheon St. Mary's Hospital"
WILTSE = "Leon Wiltse Memorial Hospital"
LEE_CHUN_TEK = "Lee Chun Tek Orthopaedic Specialty Hospital"
MYONGJI = "Myongji Hospital"
SEJONG = "Sejong General Hospital"
DANWON = "Danwon Hospital"
HANDO = "Hando Hospital"

HOSTS = [
    {
        "name": GYEONGGI,
        "name_native": "경기도 글로벌 헬스케어 아카데미",
        "kind": "host",
        "country": "KR",
        "city": "Suwon",
        "time_zone": "Asia/Seoul",
    },
]

HOSPITALS = [
    # ---- The eight host hospitals of the 2014 program ----
    {
        "organisation": GYEONGGI,
        "name": ST_VINCENT,
        "name_native": "가톨릭대학교 성빈센트병원",
        "city": "Suwon",
        "country": "KR",
        "kind": "university",
        "grade": "Tertiary university hospital (Catholic University of Korea)",
        "international_office_name": "Lee Soyeon (이소연)",
        "international_office_email": "international.stvincent@example.org",
        "international_office_phone": "+82 31 555 0101",
        "latitude": "37.278000",
        "longitude": "127.027700",
        "description": "Teaching hospital of the Catholic University of Korea in Suwon; "
        "hosts the first week of the Global Healthcare Academy rotation.",
        "departments": departments(
            ("general-surgery", 2),
            ("neurosurgery", 2),
            ("orthopedics", 2),
            ("urology", 1),
            ("obstetrics-gynecology", 2),
            ("cardiovascular-surgery", 1),
        ),
    },
    {
        "organisation": GYEONGGI,
        "name": BUCHEON_ST_MARY,
        "name_native": "가톨릭대학교 부천성모병원",
        "city": "Bucheon",
        "country": "KR",
        "kind": "university",
        "grade": "University hospital (Catholic University of Korea)",
        "international_office_name": "Yoo Hana (유하나)",
        "international_office_email": "international.bucheon-stmary@example.org",
        "international_office_phone": "+82 32 555 0102",
        "latitude": "37.486300",
        "longitude": "126.793000",
        "description": "Catholic University teaching hospital in Bucheon.",
        "departments": departments(
            ("general-surgery", 2),
            ("neurosurgery", 1),
            ("orthopedics", 1),
            ("urology", 2),
            ("obstetrics-gynecology", 2),
            ("cardiovascular-surgery", 1),
        ),
    },
    {
        "organisation": GYEONGGI,
        "name": WILTSE,
        "name_native": "윌스기념병원",
        "city": "Suwon",
        "country": "KR",
        "kind": "specialty",
        "grade": "Spine specialty hospital",
        "international_office_name": "Jang Eunji (장은지)",
        "international_office_email": "international.wiltse@example.org",
        "international_office_phone": "+82 31 555 0103",
        "latitude": "37.276000",
        "longitude": "127.030000",
        "description": "Spine hospital in Suwon named after the American spine surgeon "
        "Leon Wiltse; minimally invasive and reconstructive spine surgery.",
        "departments": departments(
            ("spine-surgery", 2),
            ("neurosurgery", 2),
            ("orthopedics", 2),
        ),
    },
    {
        "organisation": GYEONGGI,
        "name": LEE_CHUN_TEK,
        "name_native": "이춘택병원",
        "city": "Suwon",
        "country": "KR",
        "kind": "specialty",
        "grade": "Orthopaedic specialty hospital (robot-assisted joint surgery)",
        "international_office_name": "Moon Seoyeon (문서연)",
        "international_office_email": "international.leechuntek@example.org",
        "international_office_phone": "+82 31 555 0104",
        "latitude": "37.270000",
        "longitude": "127.008000",
        "description": "Orthopaedic hospital in Suwon known for robot-assisted knee and hip "
        "replacement.",
        "departments": departments(("orthopedics", 3)),
    },
    {
        "organisation": GYEONGGI,
        "name": MYONGJI,
        "name_native": "명지병원",
        "city": "Goyang",
        "country": "KR",
        "kind": "general",
        "grade": "General hospital (university-affiliated)",
        "international_office_name": "Bae Jiyoung (배지영)",
        "international_office_email": "international.myongji@example.org",
        "international_office_phone": "+82 31 555 0105",
        "latitude": "37.642900",
        "longitude": "126.831300",
        "description": "General hospital in Goyang, north-west of Seoul.",
        "departments": departments(
            ("general-surgery", 2),
            ("neurosurgery", 2),
            ("orthopedics", 1),
            ("urology", 1),
            ("obstetrics-gynecology", 1),
            ("cardiovascular-surgery", 2),
        ),
    },
    {
        "organisation": GYEONGGI,
        "name": SEJONG,
        "name_native": "세종병원",
        "city": "Bucheon",
        "country": "KR",
        "kind": "specialty",
        "grade": "Cardiac specialty hospital",
        "international_office_name": "Kwon Mirae (권미래)",
        "international_office_email": "international.sejong@example.org",
        "international_office_phone": "+82 32 555 0106",
        "latitude": "37.477000",
        "longitude": "126.790500",
        "description": "Heart hospital in Bucheon: adult and paediatric cardiac surgery.",
        "departments": departments(
            ("cardiovascular-surgery", 3),
            ("cardiology", 2),
            ("general-surgery", 1),
        ),
    },
    {
        "organisation": GYEONGGI,
        "name": DANWON,
        "name_native": "단원병원",
        "city": "Ansan",
        "country": "KR",
        "kind": "general",
        "grade": "General hospital",
        "international_office_name": "Song Dahye (송다혜)",
        "international_office_email": "international.danwon@example.org",
        "international_office_phone": "+82 31 555 0107",
        "latitude": "37.327500",
        "longitude": "126.792000",
        "description": "General hospital in Ansan.",
        "departments": departments(
            ("general-surgery", 2),
            ("neurosurgery", 1),
            ("orthopedics", 2),
            ("urology", 1),
            ("obstetrics-gynecology", 1),
            ("cardiovascular-surgery", 1),
        ),
    },
    {
        "organisation": GYEONGGI,
        "name": HANDO,
        "name_native": "한도병원",
        "city": "Ansan",
        "country": "KR",
        "kind": "general",
        "grade": "General hospital",
        "international_office_name": "Hwang Sujin (황수진)",
        "international_office_email": "international.hando@example.org",
        "international_office_phone": "+82 31 555 0108",
        "latitude": "37.320500",
        "longitude": "126.830000",
        "description": "General hospital in Ansan.",
        "departments": departments(
            ("general-surgery", 2),
            ("neurosurgery", 1),
            ("orthopedics", 2),
            ("urology", 1),
        ),
    },
]

# The six specialties of the Gyeonggi cohort (seed 002).
GYEONGGI_SPECIALTIES = [
    "general-surgery",
    "neurosurgery",
    "orthopedics",
    "urology",
    "obstetrics-gynecology",
    "cardiovascular-surgery",
]

# The cohort rotates over the eight hospitals in four weekly blocks, two neighbouring
# hospitals a week (Suwon, Bucheon, Goyang + Suwon, Ansan).
GYEONGGI_WEEKS = [
    (ST_VINCENT, WILTSE),
    (BUCHEON_ST_MARY, SEJONG),
    (MYONGJI, LEE_CHUN_TEK),
    (DANWON, HANDO),
]

GYEONGGI_DOCUMENTS = ["passport", "photo", "diploma", "licence", "cv", "nomination"]


def _rotation(year: int) -> list[dict]:
    """One site per department of the week's two hospitals; May 26 to June 21 of `year`."""
    start, end = date(year, 5, 26), date(year, 6, 21)
    sites = []
    for week, hospitals in enumerate(GYEONGGI_WEEKS):
        week_start = start + timedelta(weeks=week)
        week_end = min(week_start + timedelta(days=6), end)
        for hospital in hospitals:
            sites.append({"hospital": hospital, "start_date": week_start, "end_date": week_end})
    return sites


def _program(year: int) -> dict:
    return {
        "organisation": GYEONGGI,
        "kind": "cohort_rotation",
        "title": f"Global Healthcare Academy clinical training {year}",
        "summary": "Four weeks of clinical training in advanced, IT-based medical "
        "technologies at eight hospitals of Gyeonggi Province, for specialists nominated by "
        "their regional health ministries.",
        "description": "The Global Healthcare Academy of Gyeonggi Province invites ten "
        "specialists in general surgery, neurosurgery, orthopedics, urology, obstetrics and "
        "gynecology and cardiovascular surgery, nominated by the health ministries of our "
        "partner regions. The cohort rotates weekly over eight hospitals: Catholic University "
        "St. Vincent's Hospital, Catholic University Bucheon St. Mary's Hospital, Leon "
        "Wiltse Memorial Hospital, Lee Chun Tek Orthopaedic Specialty Hospital, Myongji "
        "Hospital, Sejong General Hospital, Danwon Hospital and Hando Hospital.\n\n"
        "The program has run every year since 2011: 256 healthcare providers from Russia, "
        "Kazakhstan, Malawi, Mongolia and China have trained with us.",
        "start_date": date(year, 5, 26),
        "end_date": date(year, 6, 21),
        "seats": 10,
        "specialties": GYEONGGI_SPECIALTIES,
        "working_language": "en",
        "min_language_level": "B1",
        "language_notes": "Russian interpreters accompany the cohort in every hospital.",
        "required_documents": GYEONGGI_DOCUMENTS,
        "covers_travel": True,
        "covers_stipend": True,
        "covers_housing": True,
        "covers_meals": True,
        "fee": Decimal("0"),
        "currency": "KRW",
        "cost_notes": "Gyeonggi Province pays the flights, a daily stipend, a hotel in Suwon "
        "and meals.",
        "rotation": _rotation(year),
        "by": email("coordinator"),
    }


def programs(today: date) -> list[dict]:
    """The 2014 edition, closed, and next year's, open for applications."""
    next_year = today.year + 1
    window_opens = today - timedelta(days=30)

    edition_2014 = _program(2014) | {
        "application_opens": date(2014, 2, 3),
        "application_closes": date(2014, 3, 31),
        "status": "closed",
    }
    upcoming = _program(next_year) | {
        "application_opens": window_opens,
        "application_closes": date(next_year, 5, 26) - timedelta(days=60),
        "status": "published",
    }
    return [edition_2014, upcoming]


# The program the cohort applies to (next year's edition): organisation, title.
APPLICATION_PROGRAM = (GYEONGGI, "Global Healthcare Academy clinical training {year}")
