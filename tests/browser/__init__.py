"""Tests that open the built sample site in a real browser (Chromium through Playwright)."""
