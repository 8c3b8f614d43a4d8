#!/bin/sh
exec python3 -m llama_cpp.server --n_gqa "$N_GQA"
