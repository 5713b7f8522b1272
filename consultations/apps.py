from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from consultations.models import ConsultationRequest
        from consultations.permissions import RequestPermissionPolicy

        register_permission_policy(
            ConsultationRequest, RequestPermissionPolicy(ConsultationRequest), exact_class=True
        )
