package io.tradeflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.OptionParams;
import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

/**
 * Every registered rule key is read by the code that applies it: its value's accessor is called
 * by a main class other than the parameter records themselves and the configuration's own
 * readers and writers (which copy every value, and so prove nothing). A key accepted, audited and
 * never applied fails here.
 */
class RuleKeysReadTest {
    private static final Set<String> COPIERS = Set.of(RuleParams.class.getName(),
            RiskParams.class.getName(), ExitParams.class.getName(),
            OptionParams.class.getName(), RuleKeys.class.getName(),
            "io.tradeflow.io.config.ConfigBinder", "io.tradeflow.io.config.ConfigLoader");

    @Test
    void everyRuleKeyIsReadWhereItApplies() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tradeflow");
        List<Class<?>> records = List.of(RuleParams.class, RiskParams.class, ExitParams.class,
                OptionParams.class);
        assertThat(RuleKeys.KEYS).hasSizeGreaterThan(60);
        for (String key : RuleKeys.KEYS) {
            // option-expiry is OptionParams.expiry(): the group prefix is not in the accessor
            String accessor = camel(RuleKeys.OPTION_KEYS.contains(key)
                    ? key.substring("option-".length()) : key);
            JavaMethod method = records.stream().map(main::get)
                    .flatMap(c -> c.getMethods().stream())
                    .filter(m -> m.getName().equals(accessor) && m.getParameters().isEmpty())
                    .findFirst().orElseThrow(() -> new AssertionError("no accessor " + accessor
                            + " for key " + key));
            long readers = method.getCallsOfSelf().stream()
                    .map(call -> call.getOriginOwner())
                    .map(JavaClass::getName)
                    .map(name -> name.replaceAll("\\$.*", ""))
                    .filter(name -> !COPIERS.contains(name))
                    .count();
            assertThat(readers).as("main code reading '%s' (%s)", key, accessor).isPositive();
        }
    }

    private static String camel(String key) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
