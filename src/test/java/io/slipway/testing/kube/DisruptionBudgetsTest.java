package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A budget's numbers as the disruption controller computes them (rounding as it does). */
class DisruptionBudgetsTest {
    private static final String OWNER = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"web\",\"uid\":\"u1\",\"controller\":true}";

    @Test
    void maxUnavailableAsAPercentageOfTheControllersReplicasRoundsUp() {
        JsonNode pdb = pdb("\"maxUnavailable\":\"30%\"");
        List<JsonNode> pods = List.of(pod("a", true), pod("b", true), pod("c", true), pod("d", false));

        DisruptionBudgets.Numbers numbers = DisruptionBudgets.numbers(pdb, pods, owner -> Optional.of(5));

        // 30% of 5 = 1.5, rounded up to 2 unavailable: 3 must stay healthy; 3 are
        assertThat(numbers).isEqualTo(new DisruptionBudgets.Numbers(5, 3, 3));
        assertThat(numbers.disruptionsAllowed()).isZero();
        assertThat(numbers.violated()).isFalse();
    }

    @Test
    void minAvailableAsAPercentageRoundsUpAndAnIntegerCountsThePods() {
        List<JsonNode> pods = List.of(pod("a", true), pod("b", true), pod("c", false));

        assertThat(DisruptionBudgets.numbers(pdb("\"minAvailable\":\"50%\""), pods, owner -> Optional.of(3)))
                .isEqualTo(new DisruptionBudgets.Numbers(3, 2, 2));
        DisruptionBudgets.Numbers integer = DisruptionBudgets.numbers(pdb("\"minAvailable\":3"), pods, owner -> Optional.of(3));
        assertThat(integer).isEqualTo(new DisruptionBudgets.Numbers(3, 3, 2));
        assertThat(integer.violated()).isTrue();
    }

    @Test
    void terminatingAndOtherPodsAreNotHealthyOrNotSelected() {
        JsonNode terminating = JsonNodes.parseJson("{\"metadata\":{\"name\":\"t\",\"labels\":{\"app\":\"web\"},"
                + "\"deletionTimestamp\":\"2026-11-30T16:00:00Z\",\"ownerReferences\":[" + OWNER + "]},"
                + "\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        JsonNode other = JsonNodes.parseJson("{\"metadata\":{\"name\":\"o\",\"labels\":{\"app\":\"db\"}},"
                + "\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");

        DisruptionBudgets.Numbers numbers = DisruptionBudgets.numbers(pdb("\"maxUnavailable\":1"),
                List.of(pod("a", true), terminating, other), owner -> Optional.of(2));

        assertThat(numbers).isEqualTo(new DisruptionBudgets.Numbers(2, 1, 1));
    }

    private static JsonNode pdb(String spec) {
        return JsonNodes.parseJson("{\"metadata\":{\"name\":\"web\",\"namespace\":\"default\",\"generation\":1},"
                + "\"spec\":{" + spec + ",\"selector\":{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\",\"values\":[\"web\"]}]}}}");
    }

    private static JsonNode pod(String name, boolean ready) {
        return JsonNodes.parseJson("{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"web\"},\"ownerReferences\":["
                + OWNER + "]},\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + (ready ? "True" : "False") + "\"}]}}");
    }
}
