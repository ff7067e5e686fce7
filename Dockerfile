# Build with the Maven wrapper, run on a JRE as a non-root user. rules/ and facts/ ship as
# directories beside the jar so that a deployment can edit or mount them.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -q -B dependency:go-offline
COPY src src
COPY rules rules
COPY facts facts
COPY scenarios scenarios
COPY samples samples
RUN ./mvnw -q -B package -DskipTests -Dcds.skip

FROM eclipse-temurin:17-jre
RUN groupadd --system advisor && useradd --system --gid advisor --home-dir /app advisor
WORKDIR /app
COPY --from=build /src/target/advisor.jar /app/advisor.jar
COPY --chown=advisor:advisor rules /app/rules
COPY --chown=advisor:advisor facts /app/facts
COPY --chown=advisor:advisor scenarios /app/scenarios
COPY --chown=advisor:advisor samples /app/samples
RUN mkdir -p /app/data && chown advisor:advisor /app/data
USER advisor
# The class-data-sharing archive must come from the JVM that runs it: train on this image.
RUN java -XX:ArchiveClassesAtExit=/app/advisor.jsa -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
        -jar /app/advisor.jar train && rm -rf /tmp/advisor-train*
# A container is reached from outside its loopback, so it binds 0.0.0.0 and therefore needs
# API keys: pass ADVISOR_API_KEYS (role:keyId:sha256hex,...) at run time.
ENV ADVISOR_RULES=/app/rules ADVISOR_FACTS=/app/facts ADVISOR_SCENARIOS=/app/scenarios ADVISOR_DB=/app/data/advisor.db \
    ADVISOR_HOST=0.0.0.0 ADVISOR_PORT=7070
VOLUME ["/app/data"]
EXPOSE 7070
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/advisor.jsa", "-XX:+UseSerialGC", "-Xmx256m", "-jar", "/app/advisor.jar"]
CMD ["serve"]
