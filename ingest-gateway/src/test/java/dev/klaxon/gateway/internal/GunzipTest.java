package dev.klaxon.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GunzipTest {

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void roundTripsUpToExactlyTheLimit() throws Exception {
    byte[] data = "{\"a\":1}\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    assertThat(Gunzip.decompress(gzip(data), data.length)).isEqualTo(data);
    assertThat(Gunzip.decompress(gzip(new byte[0]), 10)).isEmpty();
  }

  @Test
  void stopsABombAtTheLimit() throws Exception {
    byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(100 * 1024);

    assertThatThrownBy(() -> Gunzip.decompress(bomb, 1024 * 1024)).isInstanceOf(Gunzip.TooLarge.class);
    assertThatThrownBy(() -> Gunzip.decompress(gzip(new byte[1001]), 1000)).isInstanceOf(Gunzip.TooLarge.class);
  }

  @Test
  void refusesWhatIsNotGzip() throws Exception {
    assertThatThrownBy(() -> Gunzip.decompress("{}".getBytes(StandardCharsets.UTF_8), 100))
        .isInstanceOf(Gunzip.NotGzip.class);
    byte[] truncated = gzip("hello world".repeat(100).getBytes(StandardCharsets.UTF_8));
    byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length / 2);
    assertThatThrownBy(() -> Gunzip.decompress(cut, 100_000)).isInstanceOf(Gunzip.NotGzip.class);
  }
}
