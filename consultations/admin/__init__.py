"""The front desk's screens in the Wagtail admin: requests, schedules, procedures, open slots.

Screens stay thin: every change goes through consultations.staff, which applies the booking
rules and writes the audit log. consultations.wagtail_hooks registers `viewsets.ConsultationsGroup`
and the dashboard panel.

- viewsets: the admin menu and the URLs of every screen
- request_screens: a request's list, detail, edit, status, note and reschedule screens
- filters, forms: the request list's filters; the status and note forms
- procedures: deleting a procedure (refused while requests name it)
- slot_preview: the next open slots, to show staff the effect of a schedule change
- dashboard: the front desk's panel on the admin home page

Nothing is imported here: Django's admin autodiscovery imports this package at startup.
"""
