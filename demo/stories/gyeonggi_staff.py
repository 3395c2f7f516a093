"""The people of the Gyeonggi academy (seed 002): its coordinator (a demo login), the
supervisors at the eight hospitals (one of them a demo login), the heads of department who
stand in where no named supervisor exists, and the coordinator's open invitations."""

from __future__ import annotations

from demo.stories.common import email
from demo.stories.gyeonggi import (
    BUCHEON_ST_MARY,
    DANWON,
    GYEONGGI,
    HANDO,
    LEE_CHUN_TEK,
    MYONGJI,
    SEJONG,
    ST_VINCENT,
    WILTSE,
)

COORDINATORS = [
    {
        "email": email("coordinator"),
        "first_name": "Minji",
        "last_name": "Kim",
        "native_name": "김민지",
        "language": "en",
        "time_zone": "Asia/Seoul",
        "coordinator_of": GYEONGGI,
        "login": "Coordinator — Gyeonggi Global Healthcare Academy",
    },
]

SUPERVISORS = [
    {
        "email": email("supervisor"),
        "first_name": "Jiwoo",
        "last_name": "Park",
        "native_name": "박지우",
        "language": "en",
        "time_zone": "Asia/Seoul",
        "supervises": [(MYONGJI, "neurosurgery", "Professor, Chief of Neurosurgery", 2)],
        "login": "Supervisor — Myongji Hospital, Neurosurgery",
    },
    {
        "email": email("seo.yuna"),
        "first_name": "Yuna",
        "last_name": "Seo",
        "native_name": "서유나",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(MYONGJI, "cardiovascular-surgery", "Associate Professor", 2)],
    },
    {
        "email": email("choi.seungwoo"),
        "first_name": "Seungwoo",
        "last_name": "Choi",
        "native_name": "최승우",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(ST_VINCENT, "general-surgery", "Professor", 2)],
    },
    {
        "email": email("han.yerin"),
        "first_name": "Yerin",
        "last_name": "Han",
        "native_name": "한예린",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(ST_VINCENT, "obstetrics-gynecology", "Associate Professor", 2)],
    },
    {
        "email": email("jung.hyunsoo"),
        "first_name": "Hyunsoo",
        "last_name": "Jung",
        "native_name": "정현수",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(BUCHEON_ST_MARY, "urology", "Professor", 2)],
    },
    {
        "email": email("yoon.jaehyuk"),
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
        "email": email("kang.dohyun"),
        "first_name": "Dohyun",
        "last_name": "Kang",
        "native_name": "강도현",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(LEE_CHUN_TEK, "orthopedics", "Chief of Joint Surgery", 3)],
    },
    {
        "email": email("lim.taeyang"),
        "first_name": "Taeyang",
        "last_name": "Lim",
        "native_name": "임태양",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(SEJONG, "cardiovascular-surgery", "Chief of Cardiac Surgery", 2)],
    },
    {
        "email": email("oh.sungmin"),
        "first_name": "Sungmin",
        "last_name": "Oh",
        "native_name": "오성민",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(DANWON, "general-surgery", "Head of Surgery", 2)],
    },
    {
        "email": email("shin.hyejin"),
        "first_name": "Hyejin",
        "last_name": "Shin",
        "native_name": "신혜진",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "supervises": [(HANDO, "orthopedics", "Head of Orthopedics", 2)],
    },
]

# Open invitations, so the coordinator's team page shows work in progress. The links are
# not mailed by the seed (the command creates rows, nothing is sent).
INVITATIONS = [
    {
        "organisation": GYEONGGI,
        "email": email("new.supervisor"),
        "role": "supervisor",
        "invited_by": email("coordinator"),
        "departments": [(MYONGJI, "neurosurgery")],
        "max_trainees": 2,
    },
    {
        "organisation": GYEONGGI,
        "email": email("second.coordinator"),
        "role": "coordinator",
        "invited_by": email("coordinator"),
        "departments": [],
        "max_trainees": 2,
    },
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
