"""Deleting a procedure: refused while any request names it."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.admin.views.generic import DeleteView

from consultations import staff


class ProcedureDeleteView(DeleteView):
    """Deleting a procedure would strip it from the requests that name it: refuse while any do."""

    # get and post run after the permission check in dispatch.
    def get(self, request, *args, **kwargs):
        return self.refuse_if_in_use() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_if_in_use() or super().post(request, *args, **kwargs)

    def refuse_if_in_use(self):
        if not staff.procedure_in_use(self.object):
            return None
        messages.error(
            self.request,
            f"“{self.object}” is named in consultation requests, so it cannot be deleted "
            "(their records would lose it). Untick “Active” to hide it from the booking form "
            "instead.",
        )
        return redirect(self.edit_url_name, self.object.pk)
