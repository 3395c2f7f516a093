from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal data (GDPR), on the top floor beside the dashboards because it gathers every
    domain: a person's export, erasure on request, the nightly retention of documents, the
    privacy notice and the audit log of all three."""

    name = "privacy"
    verbose_name = "Privacy"
