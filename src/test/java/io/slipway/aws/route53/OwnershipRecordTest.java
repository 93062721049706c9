package io.slipway.aws.route53;

import io.slipway.cloud.Owner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnershipRecordTest {
    private static final Owner CLUSTER = new Owner("prod/demo");

    @Test
    void roundTripsThroughTheQuotedTxtValue() {
        OwnershipRecord mark = OwnershipRecord.of(CLUSTER, "dns/api");

        assertThat(mark.value()).isEqualTo("\"heritage=slipway,slipway/owner=prod/demo,slipway/scope=cluster,slipway/resource=dns/api\"");
        assertThat(OwnershipRecord.parse(mark.value())).contains(mark);
    }

    @Test
    void aValueLongerThanOneTxtStringIsSplitAndJoinedBack() {
        String longName = "a".repeat(63);
        OwnershipRecord mark = OwnershipRecord.of(new Owner(longName + "/" + longName, "instancegroup/" + longName), "dns/bastion");

        String value = mark.value();

        assertThat(value).startsWith("\"heritage=slipway,").contains("\" \"");
        for (String string : value.split("\" \"")) {
            assertThat(string.replace("\"", "")).hasSizeLessThanOrEqualTo(OwnershipRecord.TXT_STRING_MAX);
        }
        assertThat(OwnershipRecord.parse(value)).contains(mark);
    }

    @Test
    void ownershipFollowsTheScopeRulesOfOwner() {
        OwnershipRecord groups = OwnershipRecord.of(CLUSTER.withScope("instancegroup/bastions"), "dns/bastion");

        assertThat(groups.ownedBy(CLUSTER)).isFalse();
        assertThat(groups.ownedBy(CLUSTER.everyScope())).isTrue();
        assertThat(groups.ownedBy(new Owner("prod/other").everyScope())).isFalse();
        assertThat(OwnershipRecord.parse("\"heritage=slipway,slipway/owner=prod/demo,slipway/resource=dns/api\""))
                .hasValueSatisfying(m -> assertThat(m.ownedBy(CLUSTER)).as("no scope = cluster scope").isTrue());
    }

    @Test
    void otherTxtValuesAreNotMarks() {
        assertThat(OwnershipRecord.parse("\"v=spf1 -all\"")).isEmpty();
        assertThat(OwnershipRecord.parse("\"heritage=external-dns,external-dns/owner=default\"")).isEmpty();
        assertThat(OwnershipRecord.parse("\"heritage=slipway,slipway/owner=prod/demo\"")).isEmpty();
        assertThatThrownBy(() -> OwnershipRecord.of(CLUSTER.everyScope(), "dns/api")).isInstanceOf(IllegalArgumentException.class);
    }
}
