FROM nginx:1.27-alpine
CMD exec nginx -g 'daemon off;'

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: JSONArgsRecommended@2
# berth-differs: JSONArgsRecommended@2: the script starts with exec, so the shell replaces itself with nginx, which receives SIGTERM
