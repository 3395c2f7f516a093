"""Refresh the README's screenshots: drives Debian's headless Chromium over the demo.

    bash scripts/dev.sh &            # the demo at http://127.0.0.1:8000
    .venv/bin/python scripts/screenshots.py [--base-url http://127.0.0.1:8000]

Writes docs/screenshots/*.png (desktop and a 360 px phone view of the catalog).
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "demo-portal-2026"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def login(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def shoot(page: Page, path: str, name: str) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
    print(f"wrote docs/screenshots/{name}.png")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        desktop = browser.new_context(
            base_url=args.base_url, viewport={"width": 1280, "height": 800}
        )
        page = desktop.new_page()
        shoot(page, "/programs/", "catalog")
        page.goto("/programs/")
        page.get_by_role("link", name="Global Healthcare Academy").first.click()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(OUT / "program-detail.png"), full_page=True)
        print("wrote docs/screenshots/program-detail.png")
        login(page, "coordinator@demo.exchange-portal.org")
        if page.url.endswith("/accounts/login/"):
            raise SystemExit("could not sign in as the demo coordinator")
        shoot(page, "/", "coordinator-home")
        shoot(page, "/manage/programs/", "coordinator-programs")
        shoot(page, "/manage/hospitals/", "coordinator-hospitals")
        shoot(page, "/manage/team/", "coordinator-team")
        desktop.close()

        supervisor = browser.new_context(
            base_url=args.base_url, viewport={"width": 1280, "height": 800}
        )
        page = supervisor.new_page()
        login(page, "supervisor@demo.exchange-portal.org")
        shoot(page, "/", "supervisor-home")
        supervisor.close()

        phone = browser.new_context(
            base_url=args.base_url, viewport={"width": 360, "height": 740}, is_mobile=True
        )
        page = phone.new_page()
        shoot(page, "/programs/", "catalog-phone")
        shoot(page, "/accounts/login/", "sign-in-phone")
        login(page, "trainee@demo.exchange-portal.org")
        shoot(page, "/", "trainee-home-phone")
        phone.close()
        browser.close()


if __name__ == "__main__":
    main()
