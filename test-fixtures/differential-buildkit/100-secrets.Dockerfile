# check=skip=InvalidDefinitionDescription

FROM scratch
ARG SECRET_PASSPHRASE
ENV SUPER_Secret=foo
ENV password=bar secret=baz
ARG super_duper_secret_token=foo auth=bar
ENV apikey=bar sunflower=foo
ENV git_key=
ENV PUBLIC_KEY=
ARG public_token
ARG SECRET_PASSPHRASE_FILE
ENV password_file=bar secret_File=baz
ARG AUTH_MODULE_VERSION
# check=skip=SecretsUsedInArgOrEnv // allow secret in environment
ENV password=bar
# check=skip=SecretsUsedInArgOrEnv // allow secret in arg
ARG password
# check=skip=all // is local to only this instruction
ENV alternate_password=bar
# check=skip=all // is local to only this instruction
ARG alternate_password

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: SecretsUsedInArgOrEnv@4 SecretsUsedInArgOrEnv@5 SecretsUsedInArgOrEnv@6 SecretsUsedInArgOrEnv@6 SecretsUsedInArgOrEnv@7 SecretsUsedInArgOrEnv@7 SecretsUsedInArgOrEnv@8 SecretsUsedInArgOrEnv@9
# berth-differs: SecretsUsedInArgOrEnv@9: the value is empty, so the image config stores no secret (the name only invites one at run time, where it belongs)
