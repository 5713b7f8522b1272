"""What finishing a Wagtail workflow does (the `WAGTAIL_FINISH_WORKFLOW_ACTION` setting).

Wagtail imports this setting while defining its own models, so this module imports nothing
at load time and hands over to medical_review.reviews when a workflow finishes.
"""


def finish_workflow(workflow_state, user=None):
    from medical_review import reviews  # after Wagtail has defined its models

    reviews.finish_workflow(workflow_state, user=user)
