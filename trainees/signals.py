"""What trainees tell the apps above them, which listen instead of being imported.

Sent inside the transaction of the change: a receiver's exception rolls it back."""

from django.dispatch import Signal

# The profile's passport details changed, or a new passport was uploaded: trainee_id.
# (Letters re-issue what states them.)
profile_changed = Signal()

# Who else may see a trainee's profile and documents: user, trainee_id. Apps that know why
# someone may (an application to their organisation, a placement they supervise) answer
# with a reason string, or None; the trainee always may.
trainee_access_asked = Signal()
