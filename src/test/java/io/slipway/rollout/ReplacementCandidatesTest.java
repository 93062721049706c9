package io.slipway.rollout;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplacementCandidatesTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void anInstanceWithAnotherHashIsOutdated() {
        List<Candidate> c = ReplacementCandidates.select("new", List.of(instance("i-2", "old"), instance("i-1", "new")),
                null, List.of());
        assertThat(c).containsExactly(new Candidate("i-2", ReplacementReason.OUTDATED_CONFIG));
    }

    @Test
    void aNodeAskingForAnUpdateIsReplaced() {
        GroupInstance asks = new GroupInstance("i-1", "running", T0, "h", true, "n1", true, true);
        assertThat(ReplacementCandidates.select("h", List.of(asks), null, List.of()))
                .containsExactly(new Candidate("i-1", ReplacementReason.NODE_NEEDS_UPDATE));
    }

    @Test
    void aRestartReplacesWhatWasLaunchedBeforeIt() {
        GroupInstance before = new GroupInstance("i-1", "running", T0, "h", true, "n1", true, false);
        GroupInstance after = new GroupInstance("i-2", "running", T0.plusSeconds(120), "h", true, "n2", true, false);
        assertThat(ReplacementCandidates.select("h", List.of(before, after), T0.plusSeconds(60), List.of()))
                .containsExactly(new Candidate("i-1", ReplacementReason.RESTARTED));
    }

    @Test
    void aRestartIsReadToTheSecondAsEc2GivesLaunchTimes() {
        // EC2 says 10:00:00 of an instance launched at 10:00:00.900, after a restart at 10:00:00.400
        GroupInstance sameSecond = new GroupInstance("i-1", "running", T0, "h", true, "n1", true, false);
        GroupInstance secondBefore = new GroupInstance("i-2", "running", T0.minusSeconds(1), "h", true, "n2", true, false);
        assertThat(ReplacementCandidates.select("h", List.of(sameSecond, secondBefore), T0.plusMillis(400), List.of()))
                .containsExactly(new Candidate("i-2", ReplacementReason.RESTARTED));
    }

    @Test
    void unhealthyCandidatesComeFirstAndOnlyMembersNotTerminatingCount() {
        GroupInstance detached = new GroupInstance("i-0", "running", T0, "old", false, "n0", true, false);
        GroupInstance going = new GroupInstance("i-9", "shutting-down", T0, "old", true, null, false, false);
        List<Candidate> c = ReplacementCandidates.select("new",
                List.of(detached, going, instance("i-1", "old"), instance("i-3", "new")), null,
                List.of(new Candidate("i-3", ReplacementReason.UNHEALTHY), new Candidate("i-7", ReplacementReason.UNHEALTHY)));
        assertThat(c).containsExactly(new Candidate("i-3", ReplacementReason.UNHEALTHY),
                new Candidate("i-1", ReplacementReason.OUTDATED_CONFIG));
    }

    @Test
    void aStoppedMemberMarkedUnhealthyIsReplacedThoughItHasNoNode() {
        GroupInstance stopped = new GroupInstance("i-5", "stopped", T0, "h", true, null, false, false);
        assertThat(ReplacementCandidates.select("h", List.of(stopped, instance("i-6", "h")), null,
                List.of(new Candidate("i-5", ReplacementReason.UNHEALTHY))))
                .containsExactly(new Candidate("i-5", ReplacementReason.UNHEALTHY));
    }

    @Test
    void anUnknownGroupHashMakesNothingOutdated() {
        assertThat(ReplacementCandidates.select(null, List.of(instance("i-1", "old")), null, List.of())).isEmpty();
    }

    private static GroupInstance instance(String id, String hash) {
        return new GroupInstance(id, "running", T0, hash, true, "node-" + id, true, false);
    }
}
