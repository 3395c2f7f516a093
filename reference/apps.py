from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    """Shared vocabulary: languages, CEFR levels, document types, specialties.

    Ground floor: imports only Django, third-party libraries and ``core``.
    """

    name = "reference"
    verbose_name = _("Reference data")
