from woopub.cli import run

run()
