"""The site model to pages: views, page kinds, the theme and the Jinja environment."""
