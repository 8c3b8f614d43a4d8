#!/bin/bash -eu
# the same shape without a user switch
if [ "$(id -u)" = "0" ]; then
  exec_cmd="exec nice"
else
  exec_cmd="exec"
fi
${exec_cmd} "$@"
