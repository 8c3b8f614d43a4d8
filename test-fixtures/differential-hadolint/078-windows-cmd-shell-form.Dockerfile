FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
USER ContainerUser
CMD type C:\hello.txt

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3025@3
# berth-differs: DL3025@3: on Windows the shell is cmd /S /C, which berth's signal reasoning (dash and ash do not pass SIGTERM on) does not cover
