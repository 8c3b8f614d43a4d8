# The near-miss's counterpart: the worker takes memlib-ai from the path above its context, which
# the build does not have, so the import fails in the image.
# expect: BTH308 "imports `memlib`"
from memlib import Memory
