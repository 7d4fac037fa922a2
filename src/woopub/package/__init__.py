"""The Woo publication package: document numbers, stamp, text versions, inventory, productierapport, DiWoo metadata."""
