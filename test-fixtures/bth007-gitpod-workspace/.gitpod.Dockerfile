# tremor-runtime: the Gitpod workspace image (.gitpod.yml `image: file: .gitpod.Dockerfile`), a
# cloud editor's environment, where root is the usual design
# expect: BTH500 "has no tag"
FROM gitpod/workspace-full
USER gitpod
RUN bash -lc "rustup default stable"
# ok: BTH007
USER root
