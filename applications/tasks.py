from celery import shared_task

from applications import services


@shared_task
def expire_overdue_offers() -> int:
    """Offers past their deadline expire; run every quarter of an hour by beat."""
    return services.expire_overdue_offers()
