package dev.klaxon.sink.silence;

import dev.klaxon.schemas.MatchType;
import dev.klaxon.schemas.SilenceMatcher;
import dev.klaxon.sink.config.MatchOp;
import dev.klaxon.sink.config.Matcher;
import java.time.Instant;

/** {@link Silence} ↔ the Avro record of the {@code klaxon.silences} topic. */
public final class SilenceCodec {

  private SilenceCodec() {}

  public static dev.klaxon.schemas.Silence toAvro(Silence s) {
    return dev.klaxon.schemas.Silence.newBuilder()
        .setId(s.id())
        .setMatchers(s.matchers().stream().map(m -> SilenceMatcher.newBuilder().setName(m.name())
            .setType(MatchType.valueOf(m.op().name())).setValue(m.value()).build()).toList())
        .setStartsAt(s.startsAt().toEpochMilli())
        .setEndsAt(s.endsAt().toEpochMilli())
        .setCreatedBy(s.createdBy())
        .setComment(s.comment())
        .setUpdatedAt(s.updatedAt().toEpochMilli())
        .build();
  }

  public static Silence fromAvro(dev.klaxon.schemas.Silence a) {
    return new Silence(a.getId().toString(),
        a.getMatchers().stream().map(m -> new Matcher(m.getName().toString(), MatchOp.valueOf(m.getType().name()),
            m.getValue().toString())).toList(),
        Instant.ofEpochMilli(a.getStartsAt()), Instant.ofEpochMilli(a.getEndsAt()), a.getCreatedBy().toString(),
        a.getComment().toString(), Instant.ofEpochMilli(a.getUpdatedAt()));
  }
}
