"""What programs tell the apps above them, which listen instead of being imported.

Sent inside the transaction of the change: a receiver's exception rolls it back."""

from django.dispatch import Signal

# The program's dates, sites or costs changed: program_id. (Letters re-issue what states them.)
program_changed = Signal()
