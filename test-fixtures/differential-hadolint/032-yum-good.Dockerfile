FROM centos:7
RUN yum install -y httpd-2.4.6-99.el7.centos.1 && yum clean all
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
