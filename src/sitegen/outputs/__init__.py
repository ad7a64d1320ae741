"""The site model to the files that are not pages: feeds, sitemap, search index, exports."""
