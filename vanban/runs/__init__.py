"""The ways vanban runs over a store: `serve` (the clerk's desk: review page and HTTP API)."""
