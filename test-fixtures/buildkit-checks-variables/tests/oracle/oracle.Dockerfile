# ONLYOFFICE's tests/oracle: the throwaway database image an integration test builds. Its
# password build argument is a test fixture: a note that says what it assumes.
FROM gvenzl/oracle-xe:21-slim
# expect: BTH021 "taken for a development or test image"
ARG ORACLE_PASSWORD=
ENV ORACLE_PASSWORD=$ORACLE_PASSWORD
