"""What applications tell the apps above them (placements, letters, nominations...), which
listen instead of being imported. Both are sent inside the transaction of the change, so a
receiver's writes commit with it and a receiver's exception rolls the whole change back."""

from django.dispatch import Signal

# After every status change, once the history row is written: application, source, to, by.
application_status_changed = Signal()

# Before an offer is made on a locked application: application. A receiver that knows why
# the offer may not go out yet raises TransitionNotAllowed with a message for the person.
offer_requested = Signal()
