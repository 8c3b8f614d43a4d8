FROM centos:7
RUN yum install httpd
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3030@2 DL3032@2 DL3033@2
