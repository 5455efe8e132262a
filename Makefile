# Voxify: `make run` starts the server on the embedded default; `make test` runs every test.
PORT ?= 5000
VOXIFY_DATA_DIR ?= ./data
MVN ?= mvn -B -q
JAR := gateway/target/voxify.jar
export AXONIQ_UPDATE_CHECKER_DISABLED := true

.PHONY: run test build voices packages test-packages clean

run: packages build
	PORT=$(PORT) VOXIFY_DATA_DIR=$(VOXIFY_DATA_DIR) java -jar $(JAR)

build:
	$(MVN) -DskipTests install

test: test-packages
	@scripts/ensure-services.sh redis postgresql rabbitmq
	mvn -B verify

# Real Piper voices for the library (needs the internet; tests use a generated stand-in instead).
voices:
	VOXIFY_MODELS_DIR=$${VOXIFY_MODELS_DIR:-$(VOXIFY_DATA_DIR)/models} scripts/fetch-piper-voices.sh

packages:
	@scripts/ensure-packages.sh runtime

test-packages:
	@scripts/ensure-packages.sh test

clean:
	$(MVN) clean
