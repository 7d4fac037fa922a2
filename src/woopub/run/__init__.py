"""Run stage of woopub: see README, How it works."""
