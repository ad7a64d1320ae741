"""Records to the site model: indexes, neighbours, related articles. No I/O."""
