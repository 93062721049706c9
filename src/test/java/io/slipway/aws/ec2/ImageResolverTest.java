package io.slipway.aws.ec2;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Image;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the images DescribeImages answered is the newest (moto dates every image at registration). */
class ImageResolverTest {
    @Test
    void theNewestByCreationDateWinsWhateverTheNames() {
        Image older = image("ami-1", "z-image", "2025-01-01T00:00:00.000Z");
        Image newer = image("ami-2", "a-image", "2026-03-01T00:00:00.000Z");
        assertThat(ImageResolver.newest(List.of(older, newer))).contains(newer);
        assertThat(ImageResolver.newest(List.of(newer, older))).contains(newer);
    }

    @Test
    void ofOneDateTheGreaterNameWins() {
        Image a = image("ami-1", "ubuntu-24.04-20260101", "2026-03-01T00:00:00.000Z");
        Image b = image("ami-2", "ubuntu-24.04-20260201", "2026-03-01T00:00:00.000Z");
        assertThat(ImageResolver.newest(List.of(b, a))).contains(b);
        assertThat(ImageResolver.newest(List.of())).isEmpty();
    }

    private static Image image(String id, String name, String created) {
        return Image.builder().imageId(id).name(name).creationDate(created).build();
    }
}
