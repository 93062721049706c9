package io.slipway.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MotoServerTest {

    @Test
    void saysWhatToInstallWhenPythonIsMissing() {
        assertThatThrownBy(() -> MotoServer.checkPython("python3-not-on-this-machine"))
                .hasMessageStartingWith("python3 not found");
    }

    @Test
    void saysWhatToInstallWhenMotoIsMissing() {
        // -S: no site-packages, so moto cannot be imported
        assertThatThrownBy(() -> MotoServer.checkPython("python3", "-S"))
                .hasMessageStartingWith("moto not installed: pip install 'moto[server]==5.2.1'");
    }

    @Test
    void acceptsTheInstalledMoto() {
        assertThatCode(() -> MotoServer.checkPython("python3")).doesNotThrowAnyException();
    }
}
