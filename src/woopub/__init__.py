"""woopub: prepare Dutch government documents for publication under the Woo.

Pipeline: extract -> detect -> decide -> redact -> publish. Each stage is a
module with plain data in and out (see ``woopub.model``).
"""

__version__ = "0.1.0"
