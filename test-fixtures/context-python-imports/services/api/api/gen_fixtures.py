# /// script
# requires-python = ">=3.12"
# dependencies = ["processors @ file:../../processors"]
# ///
"""Regenerates test fixtures; run with `uv run api/gen_fixtures.py` from a checkout."""
# inline script metadata: the runner installs what it imports (agenta's fixture generator)
# ok: BTH308
import processors

print(processors)
