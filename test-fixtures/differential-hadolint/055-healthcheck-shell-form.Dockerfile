FROM nginx:1.27
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
USER nginx
CMD ["nginx", "-g", "daemon off;"]

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3025@2
# berth-differs: DL3025@2: a health check command is not the container's main process; no signal goes to it, and the shell is what runs '|| exit 1'
