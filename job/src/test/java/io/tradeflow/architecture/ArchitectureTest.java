package io.tradeflow.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Holds the package layering of DESIGN.md: events ← rules ← ordering ← market and engine ← io ←
 * job ← cli. Pure rules know nothing of Flink, JSON or I/O; the engine emits values and never
 * wires sinks; the market stage and the engine share only the ordering base.
 */
@AnalyzeClasses(packages = "io.tradeflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** The classes of the daemon's client jar (job/pom.xml), and arrays of them. */
    private static final String DAEMON_CLIENT =
            "(\\[+L)?io\\.tradeflow\\.cli\\.Daemon(Client|Wire)(\\$[^;]*)?;?";

    @ArchTest
    static final ArchRule rulesArePure = noClasses().that().resideInAPackage("io.tradeflow.rules..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..",
                    "com.fasterxml.jackson..", "io.tradeflow.engine..", "io.tradeflow.io..",
                    "io.tradeflow.job..", "io.tradeflow.ordering..", "io.tradeflow.market..",
                    "io.tradeflow.cli..");

    @ArchTest
    static final ArchRule eventsKnowNoRules = noClasses().that()
            .resideInAPackage("io.tradeflow.event..").should().dependOnClassesThat()
            .resideInAnyPackage("io.tradeflow.rules..", "io.tradeflow.engine..",
                    "io.tradeflow.job..", "io.tradeflow.io..");

    @ArchTest
    static final ArchRule engineEmitsValues = noClasses().that()
            .resideInAPackage("io.tradeflow.engine..").should().dependOnClassesThat()
            .resideInAnyPackage("io.tradeflow.cli..", "io.tradeflow.io..", "io.tradeflow.job..",
                    "io.tradeflow.market..");

    @ArchTest
    static final ArchRule marketKnowsNoEngine = noClasses().that()
            .resideInAPackage("io.tradeflow.market..").should().dependOnClassesThat()
            .resideInAnyPackage("io.tradeflow.engine..", "io.tradeflow.cli..",
                    "io.tradeflow.job..");

    @ArchTest
    static final ArchRule orderingIsTheBase = noClasses().that()
            .resideInAPackage("io.tradeflow.ordering..").should().dependOnClassesThat()
            .resideInAnyPackage("io.tradeflow.engine..", "io.tradeflow.market..",
                    "io.tradeflow.io..", "io.tradeflow.job..", "io.tradeflow.cli..");

    @ArchTest
    static final ArchRule nothingNeedsTheDemo = noClasses().that()
            .resideOutsideOfPackage("io.tradeflow.demo..").should().dependOnClassesThat()
            .resideInAPackage("io.tradeflow.demo..")
            .because("the cluster jar leaves the demo out: the CLI finds it by name");

    @ArchTest
    static final ArchRule jobGraphKnowsNoBacktestApi = noClasses().that()
            .resideInAnyPackage("io.tradeflow.job..", "io.tradeflow.engine..",
                    "io.tradeflow.market..", "io.tradeflow.io..")
            .should().dependOnClassesThat().resideInAPackage("io.tradeflow.backtest..");

    @ArchTest
    static final ArchRule daemonClientNeedsTheJdkAlone = noClasses().that()
            .haveNameMatching(DAEMON_CLIENT)
            .should().dependOnClassesThat(DescribedPredicate.not(
                    JavaClass.Predicates.resideInAnyPackage("java..")
                            .or(HasName.Predicates.nameMatching(DAEMON_CLIENT))))
            .because("the daemon's client jar holds these classes alone (job/pom.xml)");
}
