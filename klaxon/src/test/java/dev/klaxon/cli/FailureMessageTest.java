package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class FailureMessageTest {

  @Test
  void aWrapperThatSaysWhatFailedIsKeptWithItsCause() {
    Exception error = new UncheckedIOException("cannot listen on port 9464 for /metrics and /health: Address already in use",
        new BindException("Address already in use"));

    assertThat(KlaxonCommand.explanation(error)).isEqualTo(
        "cannot listen on port 9464 for /metrics and /health: Address already in use");
  }

  @Test
  void wrappersThatOnlyRepeatTheirCauseAreSkipped() {
    IOException root = new IOException("disk full");
    Exception error = new RuntimeException(new UncheckedIOException(root));

    assertThat(KlaxonCommand.explanation(error)).isEqualTo("disk full");
  }

  @Test
  void anExceptionWithoutAMessageIsNamedByItsClass() {
    assertThat(KlaxonCommand.explanation(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
