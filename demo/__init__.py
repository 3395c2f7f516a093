"""Demo data for `manage.py seed_demo`: the real institutions of the seed stories, with
invented people. Plain data structures in `demo.data`; the command loops over them."""
