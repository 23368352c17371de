package dev.klaxon.traffic;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import java.util.Collection;
import org.apache.avro.specific.SpecificRecord;

/**
 * Receives generated events in timestamp order; a request comes before the log lines and cost it caused.
 * Typed methods let a caller route each kind to its topic without {@code instanceof}.
 */
public interface EventSink {

    void request(RequestEvent event);

    void log(LogEvent event);

    /**
     * A billed call's cost, after its request. Only profiles with {@link TrafficProfile#costs()} make
     * them; a sink for request traffic alone need not take them, and says so loudly if it gets one.
     */
    default void cost(CostEvent event) {
        throw new UnsupportedOperationException("this sink takes no cost events; use a profile without costs");
    }

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

            @Override
            public void cost(CostEvent event) {
                target.add(event);
            }
        };
    }
}
