# ccpulse: the two commands are `make run` and `make test`. Each target installs what it lacks.
SHELL := /bin/bash
.DEFAULT_GOAL := help

MVN        ?= mvn
MVN_FLAGS  ?= -B -ntp -Dstyle.color=never
JAVA       ?= java
DB         ?= ccpulse
LOCAL_CP   := infra/local/target/classpath.txt
# Flink on Java 17 reflects into these packages: the list lives once, in pom.xml (flink.jvm.opens).
JAVA_OPENS := $(shell sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' pom.xml)
RUN_LOCAL  = $(JAVA) $(JAVA_OPENS) -Xmx4g -cp "infra/local/target/classes:$$(cat $(LOCAL_CP))"
# make deploy: the job jar, submitted with Flink's command-line client (`flink run`) running on what a
# distribution's lib/ holds, to FLINK (host:port of the REST endpoint), with the job's CONFIG file.
FLINK_LIB  := infra/flink-lib/target/classpath.txt
JOB_JAR    := jobs/pipeline/target/ccpulse-pipeline-0.1.0-SNAPSHOT-job.jar
FLINK      ?= 127.0.0.1:8081
CONFIG     ?= infra/deploy/local/job.properties
JOBS       ?= live metrics
FLINK_CLI   = FLINK_CONF_DIR=infra/deploy/flink-client $(JAVA) $(JAVA_OPENS) -cp "$$(cat $(FLINK_LIB))" \
              -Dlog4j.configurationFile=infra/deploy/flink-client/log4j-cli.properties \
              org.apache.flink.client.cli.CliFrontend

.PHONY: help run test stack cluster deploy query simulate import replay migrate access build tools browser-tools clean bench format

help:
	@echo "make run       the main job on the embedded stack, fed by the simulator, then a summary"
	@echo "make test      the whole test suite (unit and integration, real Kafka and ClickHouse)"
	@echo "make stack     Kafka on 127.0.0.1:9092, ClickHouse on 127.0.0.1:8123, live page on 127.0.0.1:8090 until Ctrl-C"
	@echo "make cluster   the stack plus a Flink cluster (JobManager, 2 TaskManagers; UI :8081) until Ctrl-C"
	@echo "make deploy    build the job jar and submit both jobs (live, metrics) to the cluster"
	@echo "               FLINK=host:port CONFIG=job.properties JOBS=\"live metrics\" FLINK_ARGS=\"-p 2 -s <savepoint>\""
	@echo "make query SQL=\"SELECT ...\"   a query against the local ClickHouse"
	@echo "make simulate ARGS=\"...\"      the simulator (ARGS=--help for its options)"
	@echo "make import ARGS=\"--input F\"   publish history (JSON lines) to the topics"
	@echo "make replay ARGS=\"--input F [--partitions N] [--database NAME]\"   history through the job into a database"
	@echo "make migrate   apply the ClickHouse migrations to the local ClickHouse"
	@echo "make access ARGS=\"--analysts F --passwords DIR --output users.d/ccpulse.xml\"   ClickHouse users, roles, tenants"
	@echo "make bench     pipeline throughput beside raw Kafka consume, and interval-end-to-row latency (BENCHMARKS.md)"
	@echo "make format    rewrite the sources to the checked style (google-java-format)"
	@echo "make clean     remove build output and local data (.local/)"

# Java 17, Maven, npm (fetches the chDB engine) and gcc (builds its JNI shim), from Debian if missing.
tools:
	@missing=""; \
	command -v javac >/dev/null || missing="$$missing openjdk-17-jdk-headless"; \
	command -v $(MVN) >/dev/null || missing="$$missing maven"; \
	command -v npm   >/dev/null || missing="$$missing npm"; \
	command -v gcc   >/dev/null || missing="$$missing gcc libc6-dev"; \
	command -v curl  >/dev/null || missing="$$missing curl"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	fi

# The browser test (ReportBrowserITCase): Debian's Chromium and ChromeDriver, and playwright-core from
# npm (infra/local/browser, lock committed, node_modules ignored) driving /usr/bin/chromium.
browser-tools: tools
	@missing=""; \
	command -v chromium     >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	fi
	@test -d infra/local/browser/node_modules/playwright-core || \
	  npm ci --prefix infra/local/browser --no-audit --no-fund --loglevel=error

build: tools
	@echo "Building (mvn install -DskipTests)..."
	@$(MVN) $(MVN_FLAGS) -q install -DskipTests

test: browser-tools
	$(MVN) $(MVN_FLAGS) install

run: build
	@$(RUN_LOCAL) io.ccpulse.local.RunMain $(ARGS)

stack: build
	@$(RUN_LOCAL) io.ccpulse.local.StackMain $(ARGS)

cluster: build
	@$(RUN_LOCAL) io.ccpulse.local.ClusterMain $(ARGS)

deploy: tools
	@echo "Building the job jar..."
	@$(MVN) $(MVN_FLAGS) -q -pl jobs/pipeline,infra/flink-lib -am package -DskipTests
	@for job in $(JOBS); do \
	  if $(FLINK_CLI) list -r -m $(FLINK) 2>/dev/null | grep -q ": ccpulse-$$job (RUNNING)"; then \
	    echo "ccpulse-$$job is already running on $(FLINK)"; continue; \
	  fi; \
	  echo "Submitting --job $$job to $(FLINK) with --config $(CONFIG)"; \
	  $(FLINK_CLI) run -d -m $(FLINK) $(FLINK_ARGS) $(JOB_JAR) --config $(CONFIG) --job $$job || exit 1; \
	done

simulate: build
	@$(RUN_LOCAL) io.ccpulse.simulator.cli.SimulateMain $(ARGS)

import: build
	@$(RUN_LOCAL) io.ccpulse.simulator.cli.ImportMain $(ARGS)

replay: build
	@$(RUN_LOCAL) io.ccpulse.local.ReplayMain $(ARGS)

bench: build
	@$(RUN_LOCAL) io.ccpulse.local.bench.PipelineBenchmark $(ARGS)

migrate: build
	@$(RUN_LOCAL) io.ccpulse.clickhouse.MigrateMain $(ARGS)

access: build
	@$(RUN_LOCAL) io.ccpulse.clickhouse.access.AccessMain $(ARGS)

query: tools
	@test -n "$(SQL)" || { echo 'usage: make query SQL="SELECT ..."'; exit 2; }
	@curl -sS --fail-with-body 'http://127.0.0.1:8123/?database=$(DB)&default_format=PrettyCompactMonoBlock' \
	  --data-binary "$(SQL)" || { echo "(is the local ClickHouse running? start it with make stack)"; exit 1; }

format: tools
	$(MVN) $(MVN_FLAGS) -q spotless:apply

clean:
	$(MVN) $(MVN_FLAGS) -q clean
	rm -rf .local
