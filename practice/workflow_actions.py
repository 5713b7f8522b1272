"""What finishing a Wagtail workflow does (the `WAGTAIL_FINISH_WORKFLOW_ACTION` setting).

Wagtail imports this setting while defining its own models, so this module imports nothing
at load time and hands over to practice.medical_review when a workflow finishes.
"""


def finish_workflow(workflow_state, user=None):
    from practice import medical_review  # after Wagtail has defined its models

    medical_review.finish_workflow(workflow_state, user=user)
