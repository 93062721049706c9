package io.slipway.rollout;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SoleControlPlaneTest {
    private static final String ID = "i-0123456789abcdef0";

    @Test
    void theOnlyControlPlaneInstanceIsRefusedWithWhyAndWhatToDo() {
        assertThat(SoleControlPlane.refusal(ID, "control-plane-us-east-1a", 1, null)).hasValueSatisfying(m -> assertThat(m)
                .contains(ID).contains("only control-plane instance").contains("three control-plane groups")
                .contains("annotate InstanceGroup control-plane-us-east-1a with "
                        + SoleControlPlane.FORCE_ANNOTATION + "=" + ID));
    }

    @Test
    void oneOfSeveralIsNotRefused() {
        assertThat(SoleControlPlane.refusal(ID, "control-plane-us-east-1a", 3, null)).isEmpty();
        assertThat(SoleControlPlane.refusal(ID, "control-plane-us-east-1a", 2, null)).isEmpty();
    }

    @Test
    void onlyAForceNamingThatInstanceLetsItGo() {
        assertThat(SoleControlPlane.refusal(ID, "cp", 1, " " + ID + " ")).isEmpty();
        assertThat(SoleControlPlane.refusal(ID, "cp", 1, "i-0ffffffffffffffff")).isPresent();
        assertThat(SoleControlPlane.refusal(ID, "cp", 1, "true")).isPresent();
        assertThat(SoleControlPlane.refusal(ID, "cp", 1, "")).isPresent();
    }
}
