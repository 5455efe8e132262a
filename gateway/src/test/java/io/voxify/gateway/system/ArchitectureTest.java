package io.voxify.gateway.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of ARCHITECTURE.md ("Modules"), checked on the compiled main classes of every module (the
 * gateway's test class path holds them all).
 * Every rule holds with no exception: nothing is frozen.
 */
class ArchitectureTest {
    private static final String INFRASTRUCTURE = "io.voxify.infrastructure";
    /** The clients of outside systems; only adapters may hold one. */
    private static final String[] OUTSIDE_SYSTEM_CLIENTS = {
        "io.minio..",
        "org.springframework.data.redis..",
        "io.lettuce..",
        "io.github.bucket4j..",
        "org.springframework.amqp..",
        "com.rabbitmq.."
    };

    private static final String WEB_SEES_MESSAGES_AND_PORTS = "the web layer talks to the domain through messages "
            + "(shared-events) and to outside systems through ports, so aggregates and read models can change "
            + "without it";
    private static final Pattern AGGREGATE_OR_PROJECTION = Pattern.compile("\\bio\\.voxify\\.(command|query)\\.");

    private static JavaClasses voxify;

    @BeforeAll
    static void importMainClasses() {
        voxify = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // The infrastructure contract tests reach this class path as a test-jar, which the option above
                // does not recognise by its location.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.voxify");
    }

    @Test
    void theMessageApiUsesNoSpring() {
        noClasses()
                .that()
                .resideInAPackage("io.voxify.events..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .because("shared-events is the message API every module and every client of the messages shares; "
                        + "a framework in it would be imposed on all of them")
                .check(voxify);
    }

    @Test
    void theInferenceEngineUsesNeitherSpringNorAxon() {
        noClasses()
                .that()
                .resideInAPackage("io.voxify.inference..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.axonframework..")
                .because("inference-engine is plain Java that turns text into audio; it is driven by the workers "
                        + "and runs, is tested and benchmarked without an application around it")
                .check(voxify);
    }

    @Test
    void webCodeSeesNeitherAggregatesNorProjections() throws IOException {
        noClasses()
                .that()
                .resideInAPackage("io.voxify.gateway..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.voxify.command..", "io.voxify.query..")
                .because(WEB_SEES_MESSAGES_AND_PORTS)
                .check(voxify);
        // The compiler copies a constant's value into the class that uses it, so a constant of an aggregate or a
        // projection (a processing group, a cache or aggregate id) leaves no trace in the bytecode: read the source.
        List<String> named;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            named = files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(ArchitectureTest::linesNamingAggregatesOrProjections)
                    .toList();
        }
        assertThat(named)
                .as("gateway sources naming io.voxify.command or io.voxify.query, although "
                        + WEB_SEES_MESSAGES_AND_PORTS)
                .isEmpty();
    }

    @Test
    void onlyAdaptersInInfrastructureUseTheClientsOfOutsideSystems() {
        noClasses()
                .that()
                .resideOutsideOfPackage(INFRASTRUCTURE + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(OUTSIDE_SYSTEM_CLIENTS)
                .because("every outside system has one home, an adapter in infrastructure behind a port, "
                        + "so it can be swapped by a property and tested against its contract")
                .check(voxify);
    }

    @Test
    void everyAdapterClassImplementsOrServesAPortOfItsConcern() {
        classes()
                .that()
                .resideInAPackage(INFRASTRUCTURE + ".*.*..")
                .should(implementAPortOfTheirConcernOrServeOnlyItsAdapters())
                .because("a concern's package root holds its port and each subpackage one adapter of it, so "
                        + "\"where is the S3 adapter?\" has a one-hop answer")
                .check(voxify);
    }

    @Test
    void onlyConfigurationOutsideInfrastructureNamesAnAdapter() {
        noClasses()
                .that()
                .resideOutsideOfPackage(INFRASTRUCTURE + "..")
                .and()
                .haveSimpleNameNotEndingWith("Configuration")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(INFRASTRUCTURE + ".*.*..")
                .because("sagas, workers and web code depend on ports only, so the adapter a property chooses "
                        + "can change without them")
                .check(voxify);
    }

    @Test
    void infrastructureDependsOnNoOtherVoxifyModuleThanTheMessages() {
        noClasses()
                .that()
                .resideInAPackage(INFRASTRUCTURE + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.voxify.saga..",
                        "io.voxify.worker..",
                        "io.voxify.gateway..",
                        "io.voxify.query..",
                        "io.voxify.command..")
                .because("dependencies point one way: the processes, the read side, the write side and the web "
                        + "layer use the adapters, never the other way round")
                .check(voxify);
    }

    @Test
    void theProcessesDependNotOnTheWebLayer() {
        noClasses()
                .that()
                .resideInAnyPackage("io.voxify.saga..", "io.voxify.worker..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.voxify.gateway..")
                .because("sagas and workers also run on worker nodes that serve no HTTP")
                .check(voxify);
    }

    @Test
    void theWriteAndReadSidesDependNeitherOnTheWebLayerNorOnTheProcesses() {
        noClasses()
                .that()
                .resideInAnyPackage("io.voxify.query..", "io.voxify.command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.voxify.gateway..", "io.voxify.saga..", "io.voxify.worker..")
                .because("aggregates and projections react to messages only; the processes and the web layer "
                        + "drive them through commands and queries")
                .check(voxify);
    }

    private static Stream<String> linesNamingAggregatesOrProjections(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return IntStream.range(0, lines.size())
                    .filter(i -> AGGREGATE_OR_PROJECTION.matcher(lines.get(i)).find())
                    .mapToObj(i -> file + ":" + (i + 1) + ": " + lines.get(i).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A class of {@code io.voxify.infrastructure.<concern>.<adapter>} either implements an interface of
     * {@code io.voxify.infrastructure.<concern>} (a port), or is a helper that only its adapter and the concern's
     * wiring use (a repository, a client), or is one of the adapter's tables (a JPA entity, which queries name
     * by its entity name rather than by its class).
     */
    private static ArchCondition<JavaClass> implementAPortOfTheirConcernOrServeOnlyItsAdapters() {
        return new ArchCondition<>("implement a port of their concern or serve only its adapters") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String[] parts = type.getPackageName().split("\\.");
                String concern = String.join(".", INFRASTRUCTURE, parts[3]);
                String adapter = String.join(".", concern, parts[4]);
                boolean implementsPort = type.getAllRawInterfaces().stream()
                        .anyMatch(port -> port.getPackageName().equals(concern));
                if (implementsPort || type.isAnnotatedWith(Entity.class) || type.isAnnotatedWith(Embeddable.class)) {
                    return;
                }
                Set<String> usedFrom = type.getDirectDependenciesToSelf().stream()
                        .map(Dependency::getOriginClass)
                        .map(JavaClass::getPackageName)
                        .filter(p -> !p.equals(concern) && !p.equals(adapter) && !p.startsWith(adapter + "."))
                        .collect(Collectors.toCollection(TreeSet::new));
                boolean serves = !type.getDirectDependenciesToSelf().isEmpty() && usedFrom.isEmpty();
                if (!serves) {
                    String why = usedFrom.isEmpty() ? "nothing uses it" : "it is used from " + usedFrom;
                    events.add(SimpleConditionEvent.violated(
                            type,
                            type.getName() + " implements no port of " + concern
                                    + " and does not only serve its adapter: " + why));
                }
            }
        };
    }
}
