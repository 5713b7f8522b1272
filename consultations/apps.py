from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations"

    def ready(self):
        # Imported here, once the app registry is ready: these modules import the models.
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_published

        from consultations import flow, procedure_pages, views
        from consultations.models import ConsultationRequest
        from consultations.permissions import RequestPermissionPolicy
        from procedures.models import ProcedurePage

        register_permission_policy(
            ConsultationRequest, RequestPermissionPolicy(ConsultationRequest), exact_class=True
        )
        flow.register_steps(views.STEPS)
        page_published.connect(
            procedure_pages.page_published,
            sender=ProcedurePage,
            dispatch_uid="consultations.procedure_pages",
        )
