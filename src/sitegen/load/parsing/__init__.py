"""Raw text → record fields: chrome removal, dates, titles, language, blocks."""
