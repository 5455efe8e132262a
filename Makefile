# Voxify: `make run` starts the server on the embedded default; `make test` runs every test.
PORT ?= 5000
VOXIFY_DATA_DIR ?= ./data
MVN ?= mvn -B -q
JAR := gateway/target/voxify.jar
export AXONIQ_UPDATE_CHECKER_DISABLED := true

.PHONY: run test build packages test-packages clean

run: packages build
	PORT=$(PORT) VOXIFY_DATA_DIR=$(VOXIFY_DATA_DIR) java -jar $(JAR)

build:
	$(MVN) -DskipTests install

test: test-packages
	mvn -B verify

packages:
	@scripts/ensure-packages.sh runtime

test-packages:
	@scripts/ensure-packages.sh test

clean:
	$(MVN) clean
