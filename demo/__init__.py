"""Demo data for `manage.py seed_demo`: the real institutions of the seed stories, with
invented people. Plain data in `demo.stories` (one module per story), put together in
`demo.data`; `demo.seeding` loads it through the product's services."""
