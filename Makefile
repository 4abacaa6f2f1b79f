# ccpulse: the two commands are `make run` and `make test`. Each target installs what it lacks.
SHELL := /bin/bash
.DEFAULT_GOAL := help

MVN        ?= mvn
MVN_FLAGS  ?= -B -ntp -Dstyle.color=never
JAVA       ?= java
LOCAL_CP   := infra/local/target/classpath.txt
# Flink on Java 17 reflects into these packages: the list lives once, in pom.xml (flink.jvm.opens).
JAVA_OPENS := $(shell sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' pom.xml)
RUN_LOCAL  = $(JAVA) $(JAVA_OPENS) -Xmx4g -cp "infra/local/target/classes:$$(cat $(LOCAL_CP))"

.PHONY: help run test stack query simulate import migrate build tools clean bench format

help:
	@echo "make run       the main job on the embedded stack, fed by the simulator, then a summary"
	@echo "make test      the whole test suite (unit and integration, real Kafka and ClickHouse)"
	@echo "make stack     Kafka on 127.0.0.1:9092 and ClickHouse on 127.0.0.1:8123 until Ctrl-C"
	@echo "make query SQL=\"SELECT ...\"   a query against the local ClickHouse"
	@echo "make simulate ARGS=\"...\"      the simulator (ARGS=--help for its options)"
	@echo "make import ARGS=\"--input F\"   publish history (JSON lines) to the topics"
	@echo "make migrate   apply the ClickHouse migrations to the local ClickHouse"
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

build: tools
	@echo "Building (mvn install -DskipTests)..."
	@$(MVN) $(MVN_FLAGS) -q install -DskipTests

test: tools
	$(MVN) $(MVN_FLAGS) install

run: build
	@$(RUN_LOCAL) io.ccpulse.local.RunMain $(ARGS)

stack: build
	@$(RUN_LOCAL) io.ccpulse.local.StackMain $(ARGS)

simulate: build
	@$(RUN_LOCAL) io.ccpulse.simulator.cli.SimulateMain $(ARGS)

import: build
	@$(RUN_LOCAL) io.ccpulse.simulator.cli.ImportMain $(ARGS)

bench: build
	@$(RUN_LOCAL) io.ccpulse.local.bench.PipelineBenchmark $(ARGS)

migrate: build
	@$(RUN_LOCAL) io.ccpulse.clickhouse.MigrateMain $(ARGS)

query: tools
	@test -n "$(SQL)" || { echo 'usage: make query SQL="SELECT ..."'; exit 2; }
	@curl -sS --fail-with-body 'http://127.0.0.1:8123/?database=ccpulse&default_format=PrettyCompactMonoBlock' \
	  --data-binary "$(SQL)" || { echo "(is the local ClickHouse running? start it with make stack)"; exit 1; }

format: tools
	$(MVN) $(MVN_FLAGS) -q spotless:apply

clean:
	$(MVN) $(MVN_FLAGS) -q clean
	rm -rf .local
