# processors/ is a sibling of brain_runtime/ under services/: in the context of `backend`,
# not in that of `backend-legacy`
# expect: BTH308 "outside the build context `services/brain_runtime` of service `backend-legacy`"
from processors import run

run("brain")
