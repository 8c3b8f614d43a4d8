FROM scratch
EXPOSE 80/TcP 8080/TCP 8080/udp

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: ExposeProtoCasing@2 ExposeProtoCasing@2
