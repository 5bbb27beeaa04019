"""End-to-end tests in a real browser: Playwright drives Chromium against pytest-django's live server.

See docs/testing.md for how to run them and how to add one for a new feature.
"""
