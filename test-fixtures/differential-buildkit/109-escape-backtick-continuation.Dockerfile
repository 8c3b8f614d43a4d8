# escape=`
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
RUN dotnet --info `
    && dotnet --list-sdks

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
