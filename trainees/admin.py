from django.contrib import admin

from trainees.models import Document, DocumentDownload, DocumentReview, TraineeProfile


@admin.register(TraineeProfile)
class TraineeProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "nationality", "specialty", "updated_at")
    search_fields = ("user__email", "user__last_name", "user__native_name")
    exclude = ("passport_number",)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("owner", "type", "is_current", "uploaded_at")
    list_filter = ("type", "is_current")
    exclude = ("file",)


@admin.register(DocumentReview)
class DocumentReviewAdmin(admin.ModelAdmin):
    list_display = ("document", "organisation", "status", "reviewed_by", "reviewed_at")
    list_filter = ("status",)


@admin.register(DocumentDownload)
class DocumentDownloadAdmin(admin.ModelAdmin):
    list_display = ("document", "by", "at", "ip")
