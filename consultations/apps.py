from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations"

    def ready(self):
        # Imported here, once the app registry is ready: these modules import the models.
        from wagtail.permissions import register_permission_policy

        from consultations import flow, views
        from consultations.models import ConsultationRequest
        from consultations.permissions import RequestPermissionPolicy

        register_permission_policy(
            ConsultationRequest, RequestPermissionPolicy(ConsultationRequest), exact_class=True
        )
        flow.register_steps(views.STEPS)
