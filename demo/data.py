"""The demo world, as plain data.

Institutions are the real ones from the seed stories (../shared/seeds): the Gyeonggi Global
Healthcare Academy and its eight hospitals (seed 002), Sana Klinikum Offenbach and the
Guiyang spine surgeon (seed 000), Shanghai First People's Hospital's resident experts in
Ningde (seed 004), and Shanghai's international medical centers (seed 003). Every person is
invented; names keep their native scripts. Contact addresses use example.org.

Organisations, hospitals and people are referred to by their (Latin) names. Programs depend
on today's date, so they come from `programs(today)`.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 — published on purpose: it is the demo login
DEMO_DOMAIN = "demo.exchange-portal.org"

# slug → name
SPECIALTIES = {
    "general-surgery": "General surgery",
    "neurosurgery": "Neurosurgery",
    "orthopedics": "Orthopedics",
    "urology": "Urology",
    "obstetrics-gynecology": "Obstetrics and gynecology",
    "cardiovascular-surgery": "Cardiovascular surgery",
    "spine-surgery": "Spine surgery",
    "gastroenterology": "Gastroenterology",
    "ophthalmology": "Ophthalmology",
    "oncology": "Oncology",
    "cardiology": "Cardiology",
    "pediatric-liver-transplantation": "Pediatric liver transplantation",
}

# Department names used when a hospital does not name its department otherwise.
DEPARTMENT_NAMES = {
    "general-surgery": "Department of General Surgery",
    "neurosurgery": "Department of Neurosurgery",
    "orthopedics": "Department of Orthopedic Surgery",
    "urology": "Department of Urology",
    "obstetrics-gynecology": "Department of Obstetrics and Gynecology",
    "cardiovascular-surgery": "Department of Thoracic and Cardiovascular Surgery",
    "spine-surgery": "Department of Spine Surgery",
    "gastroenterology": "Department of Gastroenterology",
    "ophthalmology": "Department of Ophthalmology",
    "oncology": "Department of Oncology",
    "cardiology": "Department of Cardiology",
    "pediatric-liver-transplantation": "Department of Pediatric Liver Transplantation",
}

# The six specialties of the Gyeonggi cohort (seed 002).
GYEONGGI_SPECIALTIES = [
    "general-surgery",
    "neurosurgery",
    "orthopedics",
    "urology",
    "obstetrics-gynecology",
    "cardiovascular-surgery",
]

GYEONGGI = "Gyeonggi Global Healthcare Academy"
PRIMORSKY = "Primorsky Krai Ministry of Health"
KHABAROVSK = "Khabarovsk Krai Ministry of Health"
VLADIVOSTOK_1 = "Vladivostok Regional Clinical Hospital #1"
VLADIVOSTOK_2 = "Vladivostok City Clinical Hospital #2"
KHABAROVSK_ONCOLOGY = "Khabarovsk Regional Clinical Oncology Center"
OFFENBACH = "Sana Klinikum Offenbach"
GLORYREN = "Guangzhou Gloryren Medical Technology Co., Ltd"
GUIYANG_4 = "Guiyang Fourth People's Hospital"
NINGDE = "Ningde Municipal Hospital — Shanghai First People's Hospital Ningde Hospital"
SHANGHAI_1 = "Shanghai First People's Hospital"
FUDAN_HUASHAN = "Fudan University Huashan Hospital"
SJTU_MEDICINE = "Shanghai Jiao Tong University School of Medicine"

ST_VINCENT = "Catholic University St. Vincent's Hospital"
BUCHEON_ST_MARY = "Catholic University Bucheon St. Mary's Hospital"
WILTSE = "Leon Wiltse Memorial Hospital"
LEE_CHUN_TEK = "Lee Chun Tek Orthopaedic Specialty Hospital"
MYONGJI = "Myongji Hospital"
SEJONG = "Sejong General Hospital"
DANWON = "Danwon Hospital"
HANDO = "Hando Hospital"
SANA_HOSPITAL = "Sana Klinikum Offenbach"
NINGDE_HOSPITAL = "Ningde Municipal Hospital"
HUASHAN = "Huashan Hospital"
RENJI = "Renji Hospital"
SCMC = "Shanghai Children's Medical Center"

SPINE_DEPARTMENT = "Department of Spinal Orthopaedics and Reconstructive Orthopaedics"

ORGANISATIONS = [
    # Host organisations
    {
        "name": GYEONGGI,
        "name_native": "경기도 글로벌 헬스케어 아카데미",
        "kind": "host",
        "country": "KR",
        "city": "Suwon",
    },
    {
        "name": OFFENBACH,
        "name_native": "",
        "kind": "host",
        "country": "DE",
        "city": "Offenbach am Main",
    },
    {
        "name": NINGDE,
        "name_native": "宁德市医院",
        "kind": "host",
        "country": "CN",
        "city": "Ningde",
    },
    {
        "name": FUDAN_HUASHAN,
        "name_native": "复旦大学附属华山医院",
        "kind": "host",
        "country": "CN",
        "city": "Shanghai",
    },
    {
        "name": SJTU_MEDICINE,
        "name_native": "上海交通大学医学院",
        "kind": "host",
        "country": "CN",
        "city": "Shanghai",
    },
    # Nominating ministries (seed 002)
    {
        "name": PRIMORSKY,
        "name_native": "Министерство здравоохранения Приморского края",
        "kind": "ministry",
        "country": "RU",
        "city": "Vladivostok",
    },
    {
        "name": KHABAROVSK,
        "name_native": "Министерство здравоохранения Хабаровского края",
        "kind": "ministry",
        "country": "RU",
        "city": "Khabarovsk",
    },
    # Sending hospitals
    {
        "name": VLADIVOSTOK_1,
        "name_native": "Краевая клиническая больница № 1",
        "kind": "sending",
        "country": "RU",
        "city": "Vladivostok",
    },
    {
        "name": VLADIVOSTOK_2,
        "name_native": "Городская клиническая больница № 2",
        "kind": "sending",
        "country": "RU",
        "city": "Vladivostok",
    },
    {
        "name": KHABAROVSK_ONCOLOGY,
        "name_native": "Краевой клинический центр онкологии",
        "kind": "sending",
        "country": "RU",
        "city": "Khabarovsk",
    },
    {
        "name": GUIYANG_4,
        "name_native": "贵阳市第四人民医院",
        "kind": "sending",
        "country": "CN",
        "city": "Guiyang",
    },
    {
        "name": SHANGHAI_1,
        "name_native": "上海市第一人民医院",
        "kind": "sending",
        "country": "CN",
        "city": "Shanghai",
    },
    # The agency that brokered the Offenbach fellowship (seed 000)
    {
        "name": GLORYREN,
        "name_native": "",
        "kind": "agency",
        "country": "CN",
        "city": "Guangzhou",
    },
]


def _departments(*slugs_and_capacities: tuple[str, int]) -> list[dict]:
    return [
        {"specialty": slug, "name": DEPARTMENT_NAMES[slug], "capacity": capacity}
        for slug, capacity in slugs_and_capacities
    ]


HOSPITALS = [
    # ---- Gyeonggi Province: the eight host hospitals of the 2014 program (seed 002) ----
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
        "departments": _departments(
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
        "departments": _departments(
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
        "departments": _departments(
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
        "departments": _departments(("orthopedics", 3)),
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
        "departments": _departments(
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
        "departments": _departments(
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
        "departments": _departments(
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
        "departments": _departments(
            ("general-surgery", 2),
            ("neurosurgery", 1),
            ("orthopedics", 2),
            ("urology", 1),
        ),
    },
    # ---- Russian sending hospitals (seed 002) ----
    {
        "organisation": VLADIVOSTOK_1,
        "name": VLADIVOSTOK_1,
        "name_native": "Краевая клиническая больница № 1",
        "city": "Vladivostok",
        "country": "RU",
        "kind": "regional",
        "latitude": "43.121600",
        "longitude": "131.882700",
        "departments": [],
    },
    {
        "organisation": VLADIVOSTOK_2,
        "name": VLADIVOSTOK_2,
        "name_native": "Городская клиническая больница № 2",
        "city": "Vladivostok",
        "country": "RU",
        "kind": "city",
        "latitude": "43.166000",
        "longitude": "131.926000",
        "departments": [],
    },
    {
        "organisation": KHABAROVSK_ONCOLOGY,
        "name": KHABAROVSK_ONCOLOGY,
        "name_native": "Краевой клинический центр онкологии",
        "city": "Khabarovsk",
        "country": "RU",
        "kind": "cancer",
        "latitude": "48.429000",
        "longitude": "135.115000",
        "departments": [],
    },
    # ---- Offenbach (seed 000) ----
    {
        "organisation": OFFENBACH,
        "name": SANA_HOSPITAL,
        "name_native": "",
        "city": "Offenbach am Main",
        "country": "DE",
        "kind": "university",
        "grade": "Academic teaching hospital of Goethe University Frankfurt",
        "beds": 900,
        "international_office_name": "Julia Schneider",
        "international_office_email": "international.offenbach@example.org",
        "international_office_phone": "+49 69 5550 1201",
        "latitude": "50.094500",
        "longitude": "8.781000",
        "description": "Academic teaching hospital of Goethe University Frankfurt with over "
        "900 beds, around 2,300 employees and about 39,000 inpatient cases a year.",
        "departments": [
            {"specialty": "spine-surgery", "name": SPINE_DEPARTMENT, "capacity": 2},
        ],
    },
    {
        "organisation": GUIYANG_4,
        "name": GUIYANG_4,
        "name_native": "贵阳市第四人民医院",
        "city": "Guiyang",
        "country": "CN",
        "kind": "specialty",
        "grade": "Guiyang Orthopedics Hospital",
        "latitude": "26.595000",
        "longitude": "106.713000",
        "departments": [],
    },
    # ---- Shanghai → Ningde (seed 004) ----
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
        "departments": _departments(
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
    # ---- Shanghai international medical centers (seed 003) ----
    {
        "organisation": FUDAN_HUASHAN,
        "name": HUASHAN,
        "name_native": "复旦大学附属华山医院",
        "city": "Shanghai",
        "country": "CN",
        "kind": "university",
        "grade": "Grade III-A; international medical department since 1989",
        "international_office_name": "International Medical Center — Tang Lihua (唐丽华)",
        "international_office_email": "imc.huashan@example.org",
        "international_office_phone": "+86 21 5550 1161",
        "latitude": "31.215500",
        "longitude": "121.443000",
        "description": "Fudan University hospital. Its International Medical Center, with an "
        "international medical department since 1989, leads Shanghai's draft International "
        "Medical Service Standard.",
        "departments": _departments(("neurosurgery", 3)),
    },
    {
        "organisation": SJTU_MEDICINE,
        "name": RENJI,
        "name_native": "上海交通大学医学院附属仁济医院",
        "city": "Shanghai",
        "country": "CN",
        "kind": "university",
        "grade": "Grade III-A university hospital",
        "international_office_name": "Xu Qing (徐青)",
        "international_office_email": "international.renji@example.org",
        "international_office_phone": "+86 21 5550 1162",
        "latitude": "31.224600",
        "longitude": "121.526200",
        "description": "Its Pediatric Liver Transplant Center has led the world in the number "
        "of paediatric liver transplants for eleven consecutive years; it receives children "
        "from Malaysia, Singapore, France and elsewhere.",
        "departments": _departments(("pediatric-liver-transplantation", 2)),
    },
    {
        "organisation": SJTU_MEDICINE,
        "name": SCMC,
        "name_native": "上海儿童医学中心",
        "city": "Shanghai",
        "country": "CN",
        "kind": "children",
        "grade": "Grade III-A children's hospital",
        "international_office_name": "He Min (何敏)",
        "international_office_email": "international.scmc@example.org",
        "international_office_phone": "+86 21 5550 1163",
        "latitude": "31.222200",
        "longitude": "121.526800",
        "description": "Children's hospital in Pudong with wide experience in paediatric "
        "liver tumours.",
        "departments": [
            {
                "specialty": "oncology",
                "name": "Department of Hematology and Oncology",
                "capacity": 1,
            },
        ],
    },
]


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


# Demo logins share DEMO_PASSWORD; `login` says the role shown in the command's output.
# Everyone else gets an unusable password.
PEOPLE = [
    {
        "email": _email("admin"),
        "first_name": "Demo",
        "last_name": "Administrator",
        "native_name": "",
        "language": "en",
        "time_zone": "UTC",
        "superuser": True,
        "login": "Site administrator (Django admin)",
    },
    # ---- Coordinators ----
    {
        "email": _email("coordinator"),
        "first_name": "Minji",
        "last_name": "Kim",
        "native_name": "김민지",
        "language": "en",
        "time_zone": "Asia/Seoul",
        "coordinator_of": GYEONGGI,
        "login": "Coordinator — Gyeonggi Global Healthcare Academy",
    },
    {
        "email": _email("coordinator-offenbach"),
        "first_name": "Anna",
        "last_name": "Becker",
        "native_name": "",
        "language": "de",
        "time_zone": "Europe/Berlin",
        "coordinator_of": OFFENBACH,
        "login": "Coordinator — Sana Klinikum Offenbach",
    },
    {
        "email": _email("chen.xiaoling"),
        "first_name": "Xiaoling",
        "last_name": "Chen",
        "native_name": "陈晓玲",
        "language": "zh-hans",
        "time_zone": "Asia/Shanghai",
        "coordinator_of": NINGDE,
    },
    {
        "email": _email("tang.lihua"),
        "first_name": "Lihua",
        "last_name": "Tang",
        "native_name": "唐丽华",
        "language": "zh-hans",
        "time_zone": "Asia/Shanghai",
        "coordinator_of": FUDAN_HUASHAN,
    },
    {
        "email": _email("xu.qing"),
        "first_name": "Qing",
        "last_name": "Xu",
        "native_name": "徐青",
        "language": "zh-hans",
        "time_zone": "Asia/Shanghai",
        "coordinator_of": SJTU_MEDICINE,
    },
    # ---- Supervisors at the Gyeonggi hospitals ----
    {
        "email": _email("supervisor"),
        "first_name": "Jiwoo",
        "last_name": "Park",
        "native_name": "박지우",
        "language": "en",
        "time_zone": "Asia/Seoul",
        "supervises": [(MYONGJI, "neurosurgery", "Professor, Chief of Neurosurgery", 2)],
        "login": "Supervisor — Myongji Hospital, Neurosurgery",
    },
    {
        "email": _email("seo.yuna"),
        "first_name": "Yuna",
        "last_name": "Seo",
        "native_name": "서유나",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(MYONGJI, "cardiovascular-surgery", "Associate Professor", 2)],
    },
    {
        "email": _email("choi.seungwoo"),
        "first_name": "Seungwoo",
        "last_name": "Choi",
        "native_name": "최승우",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(ST_VINCENT, "general-surgery", "Professor", 2)],
    },
    {
        "email": _email("han.yerin"),
        "first_name": "Yerin",
        "last_name": "Han",
        "native_name": "한예린",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(ST_VINCENT, "obstetrics-gynecology", "Associate Professor", 2)],
    },
    {
        "email": _email("jung.hyunsoo"),
        "first_name": "Hyunsoo",
        "last_name": "Jung",
        "native_name": "정현수",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(BUCHEON_ST_MARY, "urology", "Professor", 2)],
    },
    {
        "email": _email("yoon.jaehyuk"),
        "first_name": "Jaehyuk",
        "last_name": "Yoon",
        "native_name": "윤재혁",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [
            (WILTSE, "spine-surgery", "Director of Spine Surgery", 2),
            (WILTSE, "neurosurgery", "Director of Spine Surgery", 1),
        ],
    },
    {
        "email": _email("kang.dohyun"),
        "first_name": "Dohyun",
        "last_name": "Kang",
        "native_name": "강도현",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(LEE_CHUN_TEK, "orthopedics", "Chief of Joint Surgery", 3)],
    },
    {
        "email": _email("lim.taeyang"),
        "first_name": "Taeyang",
        "last_name": "Lim",
        "native_name": "임태양",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(SEJONG, "cardiovascular-surgery", "Chief of Cardiac Surgery", 2)],
    },
    {
        "email": _email("oh.sungmin"),
        "first_name": "Sungmin",
        "last_name": "Oh",
        "native_name": "오성민",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(DANWON, "general-surgery", "Head of Surgery", 2)],
    },
    {
        "email": _email("shin.hyejin"),
        "first_name": "Hyejin",
        "last_name": "Shin",
        "native_name": "신혜진",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(HANDO, "orthopedics", "Head of Orthopedics", 2)],
    },
    # ---- Offenbach: the professor who also offers his house (seed 000) ----
    {
        "email": _email("klaus.hartmann"),
        "first_name": "Klaus",
        "last_name": "Hartmann",
        "native_name": "",
        "language": "de",
        "time_zone": "Europe/Berlin",
        "supervises": [
            (SANA_HOSPITAL, "spine-surgery", "Prof. Dr. med., Chief of the Department", 2)
        ],
    },
    # ---- The 2014 Gyeonggi cohort: 6 from Primorsky Krai, 4 from Khabarovsk ----
    # `from_hospital`, `specialty` and `sex` feed the trainee profiles (seed_trainee_profiles).
    {
        "email": _email("trainee"),
        "first_name": "Alexei",
        "last_name": "Smirnov",
        "native_name": "Алексей Смирнов",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_1,
        "specialty": "neurosurgery",
        "login": "Trainee — neurosurgeon from Vladivostok Regional Clinical Hospital #1",
    },
    {
        "email": _email("natalia.volkova"),
        "first_name": "Natalia",
        "sex": "F",
        "last_name": "Volkova",
        "native_name": "Наталья Волкова",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_1,
        "specialty": "cardiovascular-surgery",
    },
    {
        "email": _email("dmitry.kuznetsov"),
        "first_name": "Dmitry",
        "last_name": "Kuznetsov",
        "native_name": "Дмитрий Кузнецов",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_1,
        "specialty": "orthopedics",
    },
    {
        "email": _email("elena.morozova"),
        "first_name": "Elena",
        "sex": "F",
        "last_name": "Morozova",
        "native_name": "Елена Морозова",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_2,
        "specialty": "obstetrics-gynecology",
    },
    {
        "email": _email("sergei.pavlov"),
        "first_name": "Sergei",
        "last_name": "Pavlov",
        "native_name": "Сергей Павлов",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_2,
        "specialty": "general-surgery",
    },
    {
        "email": _email("andrei.sokolov"),
        "first_name": "Andrei",
        "last_name": "Sokolov",
        "native_name": "Андрей Соколов",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_2,
        "specialty": "urology",
    },
    # Khabarovsk keeps Vladivostok time (UTC+10): tz database zone Asia/Vladivostok.
    {
        "email": _email("irina.lebedeva"),
        "first_name": "Irina",
        "sex": "F",
        "last_name": "Lebedeva",
        "native_name": "Ирина Лебедева",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": KHABAROVSK_ONCOLOGY,
        "specialty": "obstetrics-gynecology",
    },
    {
        "email": _email("mikhail.novikov"),
        "first_name": "Mikhail",
        "last_name": "Novikov",
        "native_name": "Михаил Новиков",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": KHABAROVSK_ONCOLOGY,
        "specialty": "general-surgery",
    },
    {
        "email": _email("olga.fedorova"),
        "first_name": "Olga",
        "sex": "F",
        "last_name": "Fedorova",
        "native_name": "Ольга Федорова",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": KHABAROVSK_ONCOLOGY,
        "specialty": "urology",
    },
    {
        "email": _email("yuri.popov"),
        "first_name": "Yuri",
        "last_name": "Popov",
        "native_name": "Юрий Попов",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": KHABAROVSK_ONCOLOGY,
        "specialty": "general-surgery",
    },
    # ---- The Guiyang spine surgeon going to Offenbach (seed 000) ----
    {
        "email": _email("li.wei"),
        "first_name": "Wei",
        "last_name": "Li",
        "native_name": "李伟",
        "language": "zh-hans",
        "time_zone": "Asia/Shanghai",
        "from_hospital": GUIYANG_4,
        "specialty": "spine-surgery",
    },
]

PARTNERSHIPS = [
    {
        "host": GYEONGGI,
        "partner": KHABAROVSK,
        "title": "Gyeonggi–Khabarovsk medical cooperation agreement",
        "signed_on": date(2011, 1, 1),
        "yearly_quota": 4,
        "notes": "Agreement on medical cooperation signed in 2011 (day of signing not "
        "recorded). The first cohort came from Khabarovsk in 2011: 16 healthcare providers. "
        "Over 60 trainees from Khabarovsk so far. Across all partners the Global Healthcare "
        "Academy has trained 256 healthcare providers since 2011, from Russia, Kazakhstan, "
        "Malawi, Mongolia and China (figures as of June 2014).",
    },
    {
        "host": GYEONGGI,
        "partner": PRIMORSKY,
        "title": "Gyeonggi–Primorsky Krai clinical training cooperation",
        "signed_on": date(2013, 9, 1),
        "yearly_quota": 6,
        "notes": "The ministry nominates specialists from Vladivostok Regional Clinical "
        "Hospital No. 1 and Vladivostok City Clinical Hospital No. 2; six of the ten trainees "
        "of the 2014 cohort came from Primorsky Krai.",
    },
    {
        "host": OFFENBACH,
        "partner": GLORYREN,
        "title": "Fellowship placements brokered by Guangzhou Gloryren Medical Technology",
        "signed_on": date(2022, 6, 1),
        "yearly_quota": 1,
        "notes": "The agency finds candidates among Chinese spine centres, prepares their "
        "documents and helps with travel; the department provides the supervisor and the "
        "training plan.",
    },
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


# ---------------------------------------------------------------------------------------
# Programs. Dates follow today so the demo always has something open for applications.
# ---------------------------------------------------------------------------------------

# The cohort rotates over the eight hospitals in four weekly blocks, two neighbouring
# hospitals a week (Suwon, Bucheon, Goyang + Suwon, Ansan).
GYEONGGI_WEEKS = [
    (ST_VINCENT, WILTSE),
    (BUCHEON_ST_MARY, SEJONG),
    (MYONGJI, LEE_CHUN_TEK),
    (DANWON, HANDO),
]

GYEONGGI_DOCUMENTS = ["passport", "photo", "diploma", "licence", "cv", "nomination"]


def _gyeonggi_rotation(year: int) -> list[dict]:
    """One site per department of the week's two hospitals; May 26 to June 21 of `year`."""
    start, end = date(year, 5, 26), date(year, 6, 21)
    sites = []
    for week, hospitals in enumerate(GYEONGGI_WEEKS):
        week_start = start + timedelta(weeks=week)
        week_end = min(week_start + timedelta(days=6), end)
        for hospital in hospitals:
            sites.append({"hospital": hospital, "start_date": week_start, "end_date": week_end})
    return sites


def _gyeonggi_program(year: int) -> dict:
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
        "rotation": _gyeonggi_rotation(year),
        "by": _email("coordinator"),
    }


def _first_of_month_after(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _plus_years(day: date, years: int) -> date:
    return day.replace(year=day.year + years)


def programs(today: date) -> list[dict]:
    """Every demo program. `status` is reached through program_transition."""
    next_year = today.year + 1
    window_opens = today - timedelta(days=30)

    edition_2014 = _gyeonggi_program(2014) | {
        "application_opens": date(2014, 2, 3),
        "application_closes": date(2014, 3, 31),
        "status": "closed",
    }
    upcoming = _gyeonggi_program(next_year) | {
        "application_opens": window_opens,
        "application_closes": date(next_year, 5, 26) - timedelta(days=60),
        "status": "published",
    }

    # "Next February", far enough ahead for a visa and the search for housing.
    fellowship_start = date(today.year, 2, 1)
    while fellowship_start < today + timedelta(days=60):
        fellowship_start = _plus_years(fellowship_start, 1)
    fellowship = {
        "organisation": OFFENBACH,
        "kind": "fellowship",
        "title": "Spine surgery fellowship (MD track)",
        "summary": "Two years in the Department of Spinal Orthopaedics and Reconstructive "
        "Orthopaedics, towards a German MD degree at Goethe University Frankfurt.",
        "description": "One spine surgeon joins the department for two years under a named "
        "professor, who writes a personal training plan for research and clinical practice. "
        "The fellow takes an active part in all clinical work: outpatient clinics, ward "
        "rounds, case discussions and surgeries, including complex deformity and spinal "
        "tumour operations.\n\n"
        "The first six months include a German language course arranged by the department. "
        "The supervisor picks the fellow up at Frankfurt airport and, until a flat is found, "
        "offers a room in his own house (host family).",
        "start_date": fellowship_start,
        "end_date": _plus_years(fellowship_start, 2) - timedelta(days=1),
        "application_opens": window_opens,
        "application_closes": fellowship_start - timedelta(days=30),
        "seats": 1,
        "specialties": ["spine-surgery", "orthopedics"],
        "working_language": "de",
        "min_language_level": "B1",
        "language_notes": "A six-month German course is included at the start of the fellowship.",
        "required_documents": [
            "passport",
            "photo",
            "diploma",
            "licence",
            "cv",
            "language_certificate",
            "health_insurance",
            "vaccination",
        ],
        "covers_travel": False,
        "covers_stipend": False,
        "covers_housing": True,
        "covers_meals": False,
        "fee": Decimal("0"),
        "currency": "EUR",
        "cost_notes": "Housing: the supervisor offers a room in his family home until the "
        "fellow finds a flat. Travel and living costs are the fellow's.",
        "rotation": [
            {
                "hospital": SANA_HOSPITAL,
                "department": SPINE_DEPARTMENT,
                "start_date": fellowship_start,
                "end_date": _plus_years(fellowship_start, 2) - timedelta(days=1),
                "capacity": 1,
            }
        ],
        "status": "published",
        "by": _email("coordinator-offenbach"),
    }

    posting_start = _first_of_month_after(today + timedelta(days=90))
    posting_end = _plus_years(posting_start, 1) - timedelta(days=1)
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
        "by": _email("chen.xiaoling"),
    }

    observership_start = _first_of_month_after(today + timedelta(days=120))
    observership_end = _first_of_month_after(
        _first_of_month_after(_first_of_month_after(observership_start))
    ) - timedelta(days=1)
    observership = {
        "organisation": SJTU_MEDICINE,
        "kind": "observership",
        "title": "Pediatric liver transplantation observership",
        "summary": "Three months observing at Renji Hospital's Pediatric Liver Transplant "
        "Center, the world's busiest for paediatric liver transplants.",
        "description": "Observers join the transplant team for pre-operative assessment, "
        "living-donor and deceased-donor liver transplants in children (including for "
        "biliary atresia), intensive care and follow-up clinics. A day at Shanghai "
        "Children's Medical Center covers paediatric liver tumours.",
        "start_date": observership_start,
        "end_date": observership_end,
        "application_opens": window_opens,
        "application_closes": observership_start - timedelta(days=60),
        "seats": 2,
        "specialties": ["pediatric-liver-transplantation"],
        "working_language": "en",
        "min_language_level": "B2",
        "language_notes": "Team meetings in English; patient contact through the "
        "international office's interpreters.",
        "required_documents": [
            "passport",
            "photo",
            "diploma",
            "licence",
            "cv",
            "health_insurance",
            "vaccination",
        ],
        "covers_travel": False,
        "covers_stipend": False,
        "covers_housing": False,
        "covers_meals": False,
        "fee": Decimal("1500.00"),
        "currency": "USD",
        "cost_notes": "Housing is not included; the international office sends a list of "
        "serviced apartments near the hospital.",
        "rotation": [
            {
                "hospital": RENJI,
                "start_date": observership_start,
                "end_date": observership_end,
            }
        ],
        "status": "published",
        "by": _email("xu.qing"),
    }

    draft_start = date(next_year, 9, 1)
    draft = {
        "organisation": FUDAN_HUASHAN,
        "kind": "observership",
        "title": "Neurosurgery observership at Huashan Hospital",
        "summary": "Two months in Huashan's neurosurgery department, hosted by the "
        "International Medical Center.",
        "description": "Draft: dates and fee still to be agreed with the department.",
        "start_date": draft_start,
        "end_date": date(next_year, 10, 31),
        "application_opens": today + timedelta(days=60),
        "application_closes": draft_start - timedelta(days=60),
        "seats": 3,
        "specialties": ["neurosurgery"],
        "working_language": "en",
        "min_language_level": "B2",
        "language_notes": "",
        "required_documents": ["passport", "diploma", "licence", "cv"],
        "covers_travel": False,
        "covers_stipend": False,
        "covers_housing": False,
        "covers_meals": False,
        "fee": Decimal("1000.00"),
        "currency": "USD",
        "cost_notes": "",
        "rotation": [
            {"hospital": HUASHAN, "start_date": draft_start, "end_date": date(next_year, 10, 31)}
        ],
        "status": "draft",
        "by": _email("tang.lihua"),
    }

    return [edition_2014, upcoming, fellowship, resident_experts, observership, draft]


# Open invitations, so the coordinator's team page shows work in progress. The links are
# not mailed by the seed (the command creates rows, nothing is sent).
INVITATIONS = [
    {
        "organisation": GYEONGGI,
        "email": _email("new.supervisor"),
        "role": "supervisor",
        "invited_by": _email("coordinator"),
        "departments": [(MYONGJI, "neurosurgery")],
        "max_trainees": 2,
    },
    {
        "organisation": GYEONGGI,
        "email": _email("second.coordinator"),
        "role": "coordinator",
        "invited_by": _email("coordinator"),
        "departments": [],
        "max_trainees": 2,
    },
]


# Applications: the 2027 Gyeonggi cohort in every state of the lifecycle, and the Guiyang
# spine surgeon's application to the Offenbach fellowship. The demo trainee login holds an
# open offer, so the demo shows accepting it.
APPLICATIONS = [
    {"trainee": _email("trainee"), "program": "gyeonggi", "status": "offered"},
    {"trainee": _email("natalia.volkova"), "program": "gyeonggi", "status": "accepted"},
    {"trainee": _email("dmitry.kuznetsov"), "program": "gyeonggi", "status": "accepted"},
    {"trainee": _email("elena.morozova"), "program": "gyeonggi", "status": "shortlisted"},
    {"trainee": _email("sergei.pavlov"), "program": "gyeonggi", "status": "under_review"},
    {"trainee": _email("andrei.sokolov"), "program": "gyeonggi", "status": "shortlisted"},
    {"trainee": _email("irina.lebedeva"), "program": "gyeonggi", "status": "submitted"},
    {"trainee": _email("mikhail.novikov"), "program": "gyeonggi", "status": "rejected"},
    {"trainee": _email("olga.fedorova"), "program": "gyeonggi", "status": "withdrawn"},
    {"trainee": _email("yuri.popov"), "program": "gyeonggi", "status": "draft"},
    {"trainee": _email("li.wei"), "program": "offenbach", "status": "accepted"},
]
APPLICATION_PROGRAMS = {
    "gyeonggi": (GYEONGGI, "Global Healthcare Academy clinical training {year}"),
    "offenbach": (OFFENBACH, "Spine surgery fellowship (MD track)"),
}
# The path through the lifecycle to each status: (status, who acts: trainee or coordinator).
APPLICATION_PATHS = {
    "draft": [],
    "submitted": [("submitted", "trainee")],
    "under_review": [("submitted", "trainee"), ("under_review", "coordinator")],
    "shortlisted": [("submitted", "trainee"), ("shortlisted", "coordinator")],
    "rejected": [
        ("submitted", "trainee"),
        ("under_review", "coordinator"),
        ("rejected", "coordinator"),
    ],
    "offered": [
        ("submitted", "trainee"),
        ("shortlisted", "coordinator"),
        ("offered", "coordinator"),
    ],
    "accepted": [
        ("submitted", "trainee"),
        ("shortlisted", "coordinator"),
        ("offered", "coordinator"),
        ("accepted", "trainee"),
    ],
    "withdrawn": [("submitted", "trainee"), ("withdrawn", "trainee")],
}

MOTIVATION = (
    "I want to learn the minimally invasive techniques used at your hospitals and bring them "
    "back to my department, where we see many trauma and spine patients. I have assisted in "
    "more than two hundred operations and can follow ward rounds in English."
)


def placeholder_pdf(kind: str, person) -> bytes:
    """A one-page PDF saying it stands in for a real document (demo only)."""
    text = f"Demo placeholder: {kind} of {person.first_name} {person.last_name}"
    text = text.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


# The Offenbach fellowship's training plan (seed 000): week, activity, description.
FELLOWSHIP_PLAN_SUMMARY = (
    "Minimally invasive spine surgery: from the outpatient clinic to the operating room, "
    "with German lessons on two afternoons a week."
)
FELLOWSHIP_PLAN = [
    (1, "outpatient", "Spine outpatient clinic with Prof. Hartmann, Monday and Thursday"),
    (1, "ward_round", "Morning ward round, 7:30, every day"),
    (1, "language", "German course, Tuesday and Friday afternoons"),
    (2, "surgery", "Observe endoscopic discectomies"),
    (2, "case_discussion", "Wednesday case conference: indications for fusion"),
    (3, "surgery", "Assist in minimally invasive lumbar fusion"),
    (4, "lecture", "Department seminar: present a case from Guiyang"),
]


# Heads of department who supervise the 2027 cohort where no named supervisor exists yet
# (invented names; no login).
EXTRA_SUPERVISORS = [
    ("Jiwoo", "Park", "박지우"),
    ("Minseo", "Kang", "강민서"),
    ("Seojun", "Cho", "조서준"),
    ("Hayoon", "Lim", "임하윤"),
    ("Doyun", "Song", "송도윤"),
    ("Jiho", "Hwang", "황지호"),
    ("Yejin", "Ahn", "안예진"),
    ("Hyunwoo", "Ko", "고현우"),
    ("Sumin", "Moon", "문수민"),
    ("Jaewon", "Yang", "양재원"),
    ("Eunji", "Baek", "백은지"),
    ("Taeyang", "Heo", "허태양"),
    ("Nari", "Yu", "유나리"),
    ("Sangho", "Nam", "남상호"),
    ("Boram", "Noh", "노보람"),
    ("Kyungmin", "Ha", "하경민"),
    ("Dahye", "Jeon", "전다혜"),
    ("Junseo", "Kwak", "곽준서"),
    ("Soyeon", "Seong", "성소연"),
    ("Woojin", "Cha", "차우진"),
    ("Hana", "Joo", "주하나"),
    ("Geonwoo", "Woo", "우건우"),
    ("Mirae", "Min", "민미래"),
    ("Siwoo", "Ryu", "류시우"),
    ("Chaewon", "Jin", "진채원"),
    ("Yunho", "Ji", "지윤호"),
    ("Seoyeon", "Eom", "엄서연"),
    ("Dongha", "Byun", "변동하"),
    ("Gaeun", "Chae", "채가은"),
    ("Inho", "Won", "원인호"),
    ("Haneul", "Bang", "방하늘"),
    ("Jimin", "Gong", "공지민"),
    ("Sehun", "Hyun", "현세훈"),
    ("Areum", "Pyo", "표아름"),
    ("Kihoon", "Sim", "심기훈"),
    ("Yuri", "Do", "도유리"),
]
