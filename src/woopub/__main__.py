from woopub.cli import main

main()
