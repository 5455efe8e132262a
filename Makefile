# Voxify: `make run` starts the server on the embedded default; `make test` runs every test.
# `make infra-up` / `make run-infra` / `make infra-down`: the infra profile on this machine.
PORT ?= 5000
VOXIFY_DATA_DIR ?= ./data
ROLE ?= all
MVN ?= mvn -B -q
JAR := gateway/target/voxify.jar
export AXONIQ_UPDATE_CHECKER_DISABLED := true

.PHONY: run test format bench build voices packages test-packages clean infra-up infra-down run-infra docker-env migrate-personal-data rotate-master-key

# The jar extracted, with a class-data-sharing archive (scripts/prepare-app.sh): a faster start.
APP := gateway/target/app

run: packages build
	@scripts/prepare-app.sh $(JAR) $(APP)
	PORT=$(PORT) VOXIFY_DATA_DIR=$(VOXIFY_DATA_DIR) java -XX:SharedArchiveFile=$(APP)/voxify.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -jar $(APP)/voxify.jar

# The reactor, packaged in place (nothing is installed into the local Maven repository).
build:
	$(MVN) -DskipTests package

# The jar, rebuilt only when a POM or a main source is newer (run-infra starts several nodes).
$(JAR): pom.xml $(wildcard */pom.xml) $(shell find */src/main -type f 2>/dev/null)
	$(MVN) -DskipTests package

test: test-packages
	@scripts/ensure-services.sh redis postgresql rabbitmq
	mvn -B verify

# The one formatter (palantir-java-format through Spotless); `make test` fails on code it would change.
format:
	$(MVN) spotless:apply

# One way: seals the personal data of events stored before it was sealed (README, Privacy). Back up first.
migrate-personal-data: packages build
	VOXIFY_DATA_DIR=$(VOXIFY_DATA_DIR) java -jar $(JAR) --voxify.privacy.migrate=true --server.port=0

# Wraps every personal-data key with the current master key; a key kept in the data directory is replaced by a
# new one (README, Privacy: rotating the master key). Stop the server first on the embedded profile.
rotate-master-key: packages build
	VOXIFY_DATA_DIR=$(VOXIFY_DATA_DIR) java -jar $(JAR) --voxify.privacy.rotate-master-key=true --server.port=0

# Benchmarks into BENCHMARKS.md (not part of make test): make bench [BENCH=EngineBenchmark]
bench:
	BENCH=$(BENCH) scripts/bench.sh

# Real Piper voices for the library (needs the internet; tests use a generated stand-in instead).
voices:
	VOXIFY_MODELS_DIR=$${VOXIFY_MODELS_DIR:-$(VOXIFY_DATA_DIR)/models} scripts/fetch-piper-voices.sh

packages:
	@scripts/ensure-packages.sh runtime

test-packages:
	@scripts/ensure-packages.sh test

# PostgreSQL, Redis, RabbitMQ, s3proxy and Chroma on 127.0.0.1, and .infra/env for the nodes.
infra-up:
	@scripts/infra-up.sh

# Stops s3proxy and Chroma (the system's PostgreSQL, Redis and RabbitMQ keep running).
infra-down:
	@scripts/infra-down.sh

# One node in the foreground: make run-infra [ROLE=all|api|worker] [PORT=5000] [VOXIFY_DATA_DIR=…]
run-infra: packages infra-up $(JAR)
	ROLE=$(ROLE) PORT=$(PORT) scripts/run-infra.sh

# .env for docker-compose.yml with generated secrets.
docker-env:
	@scripts/docker-env.sh

clean:
	$(MVN) clean
