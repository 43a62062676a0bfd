package org.thunderproject.ec2.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** The seed's {@code --ssh-port-forwarding LOCAL:REMOTE} values. */
class PortForwardingTest {

    @Test
    void parsesTheSeedsForm() {
        assertThat(PortForwarding.parse("8888:8888")).isEqualTo(new PortForwarding(8888, 8888));
        assertThat(PortForwarding.parse(" 9999:8888 ")).isEqualTo(new PortForwarding(9999, 8888));
        assertThat(PortForwarding.parse("1:65535").toString()).isEqualTo("1:65535");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8888",
                "8888:",
                ":8888",
                "a:8888",
                "8888:b",
                "0:8888",
                "8888:65536",
                "1:2:3",
                "localhost:8888:8888",
                "-1:8888",
                ""
            })
    void rejectsAnythingElse(String value) {
        assertThatThrownBy(() -> PortForwarding.parse(value))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("like 8888:8888");
    }
}
