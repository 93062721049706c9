package io.slipway.aws.s3;

import io.slipway.cloud.Owner;
import io.slipway.model.AwsNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** S3BucketKind recognises the bucket names AwsNames derives: its find depends on it. */
class S3BucketKindNamesTest {
    private static final String ACCOUNT = "123456789012";

    @Test
    void theListPrefixCoversTheDerivedNameOfShortAndLongestNames() {
        String longest = "n".repeat(63);
        String[][] names = {{"prod", "demo"}, {"team-a", "prod"}, {longest, longest}, {"a", longest}, {longest, "b"},
                {"a--------------------------------b", "c"}};
        for (String[] pair : names) {
            String bucket = AwsNames.of(pair[0], pair[1]).bootstrapBucket(ACCOUNT);
            Owner owner = new Owner(AwsNames.owner(pair[0], pair[1]));
            assertThat(bucket).as("%s/%s", pair[0], pair[1]).startsWith(S3BucketKind.listPrefix(owner))
                    .startsWith(S3BucketKind.NAME_PREFIX);
        }
    }

    @Test
    void anUncutDerivedNameIsRecognisedExactlyAndOnlyForItsOwner() {
        String bucket = AwsNames.of("prod", "demo").bootstrapBucket(ACCOUNT);
        assertThat(S3BucketKind.isDerivedName(bucket, new Owner("prod/demo"))).isTrue();
        assertThat(S3BucketKind.isDerivedName(bucket, new Owner("prod/demo").everyScope())).isTrue();
        assertThat(S3BucketKind.isDerivedName(bucket, new Owner("prod/dem"))).isFalse();
        assertThat(S3BucketKind.isDerivedName(AwsNames.of("prod", "demo-2").bootstrapBucket(ACCOUNT), new Owner("prod/demo")))
                .isFalse();
        assertThat(S3BucketKind.isDerivedName("slipway-prod-demo-backups", new Owner("prod/demo"))).isFalse();
    }
}
