package dev.klaxon.traffic;

import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import java.util.Collection;
import org.apache.avro.specific.SpecificRecord;

/**
 * Receives generated events in timestamp order; a request comes before the log lines it caused.
 * Typed methods let a caller route each kind to its topic without {@code instanceof}.
 */
public interface EventSink {

    void request(RequestEvent event);

    void log(LogEvent event);

    /** A sink that appends every event to {@code target}. */
    static EventSink into(Collection<? super SpecificRecord> target) {
        return new EventSink() {
            @Override
            public void request(RequestEvent event) {
                target.add(event);
            }

            @Override
            public void log(LogEvent event) {
                target.add(event);
            }
        };
    }
}
