from django.contrib import admin

from trainees.models import Document, DocumentDownload, TraineeProfile


@admin.register(TraineeProfile)
class TraineeProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "nationality", "specialty", "updated_at")
    search_fields = ("user__email", "user__last_name", "user__native_name")
    exclude = ("passport_number",)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("owner", "type", "status", "is_current", "uploaded_at")
    list_filter = ("type", "status", "is_current")
    exclude = ("file",)


@admin.register(DocumentDownload)
class DocumentDownloadAdmin(admin.ModelAdmin):
    list_display = ("document", "by", "at", "ip")
