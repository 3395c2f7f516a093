from django.conf import settings


def portal(request):
    """Values every page needs: the site name and whether the DEBUG banner shows."""
    return {"SITE_NAME": settings.SITE_NAME, "DEBUG_BANNER": settings.DEBUG}
