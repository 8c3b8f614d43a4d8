"""The library, published on PyPI as memlib-ai."""
