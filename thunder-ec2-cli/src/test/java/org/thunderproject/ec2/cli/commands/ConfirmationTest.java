package org.thunderproject.ec2.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thunderproject.ec2.cli.CommandFailure;
import org.thunderproject.ec2.cli.Terminal;

/** Destroy and stop ask first; only "y"/"yes" goes ahead; no terminal and no -y means no. */
class ConfirmationTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"n", "no", "N", "", "yess", "sure", "y es"})
    void anythingButYesAborts(String answer) {
        StringWriter err = new StringWriter();
        Confirmation confirmation = new Confirmation(terminal(answer + "\n", true, err), false);
        confirmation.requireAnswerable("destroy cluster 'demo'");
        assertThat(confirmation.confirm("Destroy cluster 'demo'?")).isFalse();
        assertThat(err.toString()).isEqualTo("Destroy cluster 'demo'? [y/N] ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"y", "Y", "yes", "YES", " yes "})
    void yesGoesAhead(String answer) {
        Confirmation confirmation = new Confirmation(terminal(answer + "\n", true, new StringWriter()), false);
        assertThat(confirmation.confirm("Destroy cluster 'demo'?")).isTrue();
    }

    @Test
    void endOfInputAborts() {
        Confirmation confirmation = new Confirmation(terminal("", true, new StringWriter()), false);
        assertThat(confirmation.confirm("Stop cluster 'demo'?")).isFalse();
    }

    @Test
    void assumeYesAsksNobody() {
        StringWriter err = new StringWriter();
        Confirmation confirmation = new Confirmation(terminal("n\n", false, err), true);
        confirmation.requireAnswerable("destroy cluster 'demo'");
        assertThat(confirmation.confirm("Destroy cluster 'demo'?")).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void noTerminalRefuses() {
        Confirmation confirmation = new Confirmation(terminal("y\n", false, new StringWriter()), false);
        assertThatThrownBy(() -> confirmation.requireAnswerable("stop cluster 'demo'"))
                .isInstanceOf(CommandFailure.class)
                .hasMessageContaining("--assume-yes");
    }

    private Terminal terminal(String input, boolean interactive, StringWriter err) {
        return Terminal.of(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                new StringReader(input),
                interactive,
                false,
                home,
                Map.of(),
                Clock.systemUTC());
    }
}
