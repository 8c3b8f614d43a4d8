# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
WORKDIR C:\app
RUN Write-Host installing
CMD Write-Host done

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
