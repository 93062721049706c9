package io.slipway.testing;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CriticalPathTest {

    @Test
    void theLongestChainDecidesNotTheMostNodes() {
        CriticalPath.Result result = new CriticalPath()
                .add("vpc", 30, Set.of())
                .add("subnet-a", 30, Set.of("vpc"))
                .add("subnet-b", 30, Set.of("vpc"))
                .add("sg", 30, Set.of("vpc"))
                .add("nat", 20_000, Set.of("subnet-a"))
                .add("route", 30, Set.of("nat"))
                .add("asg", 30, Set.of("subnet-b", "sg"))
                .add("boot", 20_000, Set.of("asg", "route"))
                .longest();

        assertThat(result.millis()).isEqualTo(30 + 30 + 20_000 + 30 + 20_000);
        assertThat(result.chain()).extracting(Map.Entry::getKey).containsExactly("vpc", "subnet-a", "nat", "route", "boot");
    }

    @Test
    void independentBranchesRunInParallel() {
        CriticalPath.Result result = new CriticalPath()
                .add("a", 100, Set.of())
                .add("b", 300, Set.of())
                .add("c", 200, Set.of())
                .longest();

        assertThat(result.millis()).isEqualTo(300);
        assertThat(result.chain()).extracting(Map.Entry::getKey).containsExactly("b");
    }

    @Test
    void aDependencyMustBeAddedFirst() {
        assertThatThrownBy(() -> new CriticalPath().add("route", 30, Set.of("nat")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nat");
    }
}
