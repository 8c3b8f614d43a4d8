# escape=`
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
RUN echo hello > C:\hello.txt
CMD type C:\hello.txt

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: JSONArgsRecommended@4
# berth-differs: JSONArgsRecommended@4: on Windows the shell is cmd /S /C, which berth's signal reasoning (dash/ash do not pass SIGTERM) does not cover, so BTH006 does not judge Windows images
