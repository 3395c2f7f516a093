from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from core import health
from dashboards import views as dashboard_views

# The admin has no login of its own: /admin/login/ sends visitors to the portal's sign-in
# (allauth: rate limits, lockout, second factor), as django-allauth documents.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("programs/", include("programs.urls_catalog")),
    path("manage/programs/", include("programs.urls")),
    path("applications/", include("applications.urls")),
    path("manage/", include("hospitals.urls")),
    path("notifications/", include("notifications.urls")),
    path("trainee/", include("trainees.urls")),
    path("letters/", include("letters.urls")),
    path("placements/", include("placements.urls")),
    path("placements/", include("dashboards.urls")),
    path("housing/", include("accommodation.urls")),
    path("travel/", include("travel.urls")),
    path("privacy/", include("privacy.urls")),
    path("jobs/", include("core.urls")),
    path("healthz/", health.HealthView.as_view(), name="healthz"),
    path("healthz/live/", health.live, name="healthz_live"),
    path("healthz/ready/", health.HealthView.as_view(), name="healthz_ready"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Development only: static() serves uploads from MEDIA_ROOT, never in production.
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
