import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_page_renders_in_headless_chromium_with_our_own_bootstrap(page):
    page.goto("/")
    assert page.locator("a.skip-link").count() == 1
    # Bootstrap's CSS came from our own origin: the navbar is laid out as flex.
    display = page.eval_on_selector("nav.navbar", "el => getComputedStyle(el).display")
    assert display == "flex"
