from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = "Procedures"

    def ready(self):
        # Receivers only forward the event to procedures.consent, which decides.
        from django.db.models.signals import post_delete, post_save, pre_delete

        from procedures import consent
        from procedures.models import BeforeAfterCase, PhotoPair

        uid = "procedures.consent."
        post_save.connect(consent.receive_case_saved, BeforeAfterCase, dispatch_uid=uid + "1")
        pre_delete.connect(consent.receive_case_deleting, BeforeAfterCase, dispatch_uid=uid + "2")
        post_save.connect(consent.receive_pair_saved, PhotoPair, dispatch_uid=uid + "3")
        post_delete.connect(consent.receive_pair_deleted, PhotoPair, dispatch_uid=uid + "4")
