# presidio's anonymizer: a package the image lacks is imported inside try, and the except clause
# catches the ImportError, so the program starts without it.
try:
    # ok: BTH308
    from processors import extras
except ImportError:
    extras = None

# Near miss: an except clause that catches something else leaves the import required.
try:
    # expect: BTH308 "imports `processors`, a package that exists only at `services/processors`"
    import processors.tools
except ValueError:
    tools = None
