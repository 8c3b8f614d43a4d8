# berth in a container: docker build -t berth . && docker run --rm -v "$PWD:/src" berth .
# (berth lints this file in its own tests.)
FROM eclipse-temurin:17-jdk-noble AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY grammar/ grammar/
COPY bin/ bin/
COPY rules/ rules/
COPY test-fixtures/ test-fixtures/
COPY src/ src/
RUN ./mvnw -q -B package -DskipTests

FROM eclipse-temurin:17-jre-noble
COPY --from=build /build/bin/berth /opt/berth/bin/berth
COPY --from=build /build/target/berth.jar /opt/berth/target/berth.jar
# the start-up cache for this image's JDK, made once here (the image is read-only to berth)
RUN BERTH_CACHE_ONLY=1 /opt/berth/bin/berth \
    && useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin berth
USER berth
WORKDIR /src
ENTRYPOINT ["/opt/berth/bin/berth"]
