def test_anonymous_home_renders_with_navigation(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Skip to main content" in response.content


def test_debug_banner_shows_only_when_debug_is_on(client, db, settings):
    settings.DEBUG = True
    assert b"Development mode" in client.get("/").content
    settings.DEBUG = False
    assert b"Development mode" not in client.get("/").content


def test_coordinator_lands_on_coordinator_home(client_for, coordinator):
    response = client_for(coordinator).get("/")
    assert response.status_code == 200
    assert "accounts/home_coordinator.html" in [t.name for t in response.templates]
