FROM scratch
EXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: ExposeInvalidFormat@2 ExposeInvalidFormat@2 ExposeInvalidFormat@2
