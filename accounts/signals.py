"""What accounts tell the apps above them, which listen instead of being imported.

Sent inside the transaction of the change: a receiver's exception rolls it back."""

from django.dispatch import Signal

# An invitation was accepted: invitation, user. (Hospitals makes a supervisor invitee the
# supervisor of the invitation's departments.)
invitation_accepted = Signal()
