"""The seed stories (../shared/seeds), one module each, as plain data.

`common` holds what every story shares (specialties, the admin login, the application
lifecycle); `demo.data` puts the stories together into the demo world.
"""
