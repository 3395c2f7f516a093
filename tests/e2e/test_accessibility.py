"""Accessibility in CI: axe-core (shipped by axe-playwright-python) over every page each demo
role reaches from its home page and navigation, at a desktop size (1366x768) and on a 360 px
phone. A serious or critical violation fails the test with the page, the rule and the element.

One browser, one context per role. Each page is loaded once and checked at both sizes (the
viewport is resized between the two runs). Pages are deduplicated by URL pattern: numbers and
tokens in the path are wildcards and the query string is ignored, so one program, one
application, one hospital... stands for all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.core.management import call_command

from demo import data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "360px": {"width": 360, "height": 740}}
FAILING_IMPACTS = {"serious", "critical"}

# Rules switched off, each with its reason. Colour contrast is never switched off.
DISABLED_RULES: dict[str, str] = {}

# Links the crawler does not follow, each with its reason.
NOT_PAGES = [
    (re.compile(r"^/admin/"), "Django's own admin; the portal's navigation does not link to it"),
    (re.compile(r"^/(static|media)/"), "files, not pages"),
    (re.compile(r"/download/$|\.ics$|^/trainee/photo/"), "file downloads, not pages"),
    (re.compile(r"^/letters/application/"), "the invitation letter is a PDF"),
    (re.compile(r"^/applications/review/letters/"), "a referee's letter is a file"),
    (re.compile(r"^/healthz/"), "a health check for machines"),
    (re.compile(r"^/accounts/logout/"), "signing out would end the role's crawl"),
]

# Pages each role must have reached, so that a broken crawl cannot pass by checking nothing.
MUST_REACH = {
    "anonymous": ["/", "/programs/", "/programs/<n>/", "/accounts/login/", "/accounts/signup/"],
    "trainee": [
        "/",
        "/applications/",
        "/applications/<n>/",
        "/trainee/profile/",
        "/trainee/documents/",
        "/placements/mine/",
        "/notifications/",
        "/me/profile/",
    ],
    "supervisor": ["/", "/placements/inbox/", "/placements/<n>/plan/", "/notifications/"],
    "coordinator": [
        "/",
        "/manage/programs/",
        "/manage/programs/<n>/",
        "/applications/review/program/<n>/",
        "/applications/review/<n>/",
        "/placements/program/<n>/schedule/",
        "/placements/program/<n>/readiness/",
        "/manage/hospitals/",
        "/manage/hospitals/<n>/",
        "/manage/supervisors/",
        "/manage/partnerships/",
        "/housing/providers/",
        "/housing/providers/<n>/",
        "/housing/program/<n>/",
        "/manage/team/",
        "/notifications/",
    ],
    "coordinator-offenbach": [
        "/",
        "/manage/programs/<n>/",
        "/applications/review/program/<n>/",
        "/applications/review/<n>/",
        "/placements/program/<n>/schedule/",
        "/placements/program/<n>/readiness/",
        "/housing/program/<n>/",
    ],
    "admin": ["/", "/applications/", "/notifications/"],
    "pickup": ["/", "/travel/pickups/", "/travel/pickup/<token>/"],
}
MAX_PAGES_PER_ROLE = 120

# The second coordinator has the same pages as the first; only the pages of their own
# programs (the applicants, the schedule, readiness and housing of another kind of exchange)
# are checked again: the data there differs, so the layout and colours can too.
SCOPE = {
    "coordinator-offenbach": re.compile(
        r"^/$|^/manage/programs/\d+/$|^/applications/review/|^/placements/program/|^/housing/program/"
    ),
}

# The account pages (allauth: e-mail, password, two-factor, sign-in...) are the same for every
# role but for the navigation bar, which is checked on each role's own pages: each is checked
# once, for the first role that reaches it.
SAME_FOR_EVERY_ROLE = re.compile(r"^/accounts/")


@dataclass(frozen=True)
class Finding:
    role: str
    viewport: str
    url: str
    rule: str
    impact: str
    targets: tuple[str, ...]
    help: str

    def line(self) -> str:
        targets = ", ".join(self.targets[:3]) + (" …" if len(self.targets) > 3 else "")
        return (
            f"{self.role} @ {self.viewport}  {self.url}\n"
            f"    {self.rule} ({self.impact}): {self.help}\n    target: {targets}"
        )


def pattern(path: str) -> str:
    """`/applications/review/17/` -> `/applications/review/<n>/`."""
    parts = []
    for part in path.split("/"):
        if part.isdigit():
            part = "<n>"
        elif len(part) >= 16 or re.fullmatch(r"[\w-]*\d[\w-]*\.ics", part):
            part = "<token>"
        parts.append(part)
    return "/".join(parts)


def followable(url: str) -> bool:
    path = urlsplit(url).path
    return not any(rule.search(path) for rule, _reason in NOT_PAGES)


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", verbosity=0)


def sign_in(page, login: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(f"{login}@{data.DEMO_DOMAIN}")
    page.get_by_label("Password").fill(data.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{login} could not sign in"


def same_origin_links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "a[href]:not([download])", "links => links.map(link => link.href)"
    )
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" == origin and parts.path:
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def axe_findings(page, *, role: str, viewport: str, url: str) -> list[Finding]:
    """Run axe on the page as it is laid out now (injecting axe first if it is not there)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    options = {"resultTypes": ["violations"]}
    if DISABLED_RULES:
        options["rules"] = {rule: {"enabled": False} for rule in DISABLED_RULES}
    results = page.evaluate("options => axe.run(document, options)", options)
    return [
        Finding(
            role=role,
            viewport=viewport,
            url=url,
            rule=violation["id"],
            impact=violation["impact"],
            targets=tuple(" ".join(map(str, node["target"])) for node in violation["nodes"]),
            help=violation["help"],
        )
        for violation in results["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


def check_role(browser, origin: str, role: str, shared: set[str]) -> tuple[list[Finding], set[str]]:
    """Crawl what `role` reaches from its home page, breadth first, one page per URL pattern;
    axe each page at both sizes. Returns the findings and the URL patterns checked; adds the
    account pages checked to `shared`."""
    context = browser.new_context(base_url=origin, viewport=VIEWPORTS["desktop"])
    context.set_default_timeout(15_000)
    # Sent to the browser once, then evaluated in every document before the page's scripts.
    context.add_init_script(script=AXE_SCRIPT)
    page = context.new_page()
    findings: list[Finding] = []
    queue, queued, checked = ["/"], {"/"} | shared, set()
    try:
        if role != "anonymous":
            sign_in(page, role)
        while queue and len(checked) < MAX_PAGES_PER_ROLE:
            url = queue.pop(0)
            checked.add(pattern(urlsplit(url).path))
            if SAME_FOR_EVERY_ROLE.search(url):
                shared.add(pattern(urlsplit(url).path))
            response = page.goto(url)
            if response is None or response.status >= 400:
                status = response.status if response else "no response"
                findings.append(Finding(role, "-", url, f"HTTP {status}", "broken link", (), ""))
                continue
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            findings += axe_findings(page, role=role, viewport="desktop", url=url)
            page.set_viewport_size(VIEWPORTS["360px"])
            if url == "/":
                # The phone's navigation, opened (found by class: the demo people read the
                # portal in their own languages, so the button's name varies).
                page.locator(".navbar-toggler").click()
                page.locator("#main-nav.show").wait_for()
            findings += axe_findings(page, role=role, viewport="360px", url=url)
            page.set_viewport_size(VIEWPORTS["desktop"])
            for link in same_origin_links(page, origin):
                link_pattern = pattern(urlsplit(link).path)
                in_scope = role not in SCOPE or SCOPE[role].search(urlsplit(link).path)
                if link_pattern not in queued and followable(link) and in_scope:
                    queued.add(link_pattern)
                    queue.append(link)
    finally:
        context.close()
    assert not queue, f"{role}: more than {MAX_PAGES_PER_ROLE} pages; raise the limit"
    return findings, checked


def test_no_page_any_demo_role_reaches_has_a_serious_or_critical_axe_violation(
    browser, live_server, demo
):
    findings: list[Finding] = []
    unreached: list[str] = []
    shared: set[str] = set()
    for role, must_reach in MUST_REACH.items():
        role_findings, seen = check_role(browser, live_server.url, role, shared)
        findings += role_findings
        unreached += [f"{role}: {page}" for page in must_reach if page not in seen]

    assert not unreached, "the crawl did not reach:\n" + "\n".join(unreached)
    report = "\n".join(finding.line() for finding in findings)
    assert not findings, f"{len(findings)} serious or critical axe violations:\n{report}"


def test_the_check_catches_text_that_is_too_pale(page):
    """The negative control: the same check reports grey text on the page background."""
    page.goto("/")
    page.evaluate(
        """() => {
            const p = document.createElement("p");
            p.textContent = "Pale text";
            p.style.color = "#aaaaaa";
            document.querySelector("main").append(p);
        }"""
    )
    findings = axe_findings(page, role="anonymous", viewport="desktop", url="/")
    assert [finding.rule for finding in findings] == ["color-contrast"]
    assert findings[0].targets == ("#main > p",)


def test_the_url_patterns_treat_ids_and_tokens_as_one_page():
    assert pattern("/applications/review/17/") == "/applications/review/<n>/"
    assert pattern("/manage/programs/3/sites/12/edit/") == "/manage/programs/<n>/sites/<n>/edit/"
    assert pattern("/letters/verify/Kx81Qz0aB7cD9eF2/") == "/letters/verify/<token>/"
    assert pattern("/programs/") == "/programs/"
    assert not followable("/trainee/documents/4/download/")
    assert followable("/trainee/documents/")
