package io.ccpulse.simulator.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccpulse.events.DecodeResult;
import io.ccpulse.events.EventCodec;
import io.ccpulse.simulator.importer.EventJson;
import io.ccpulse.simulator.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The delivered records as history to import ({@code make import}, {@code make replay}): one JSON
 * object per event, in delivery order, with {@code received_at} where the record was delivered
 * after its event occurred (delayed, duplicated, too late), so a replay judges it as the stream
 * did. Records that are not an event (unreadable bytes, an unknown schema) have no JSON form: they
 * are left out and counted.
 */
public final class JsonLinesOutput implements RecordSink {
  private final BufferedWriter out;
  private long written;
  private long leftOut;

  public JsonLinesOutput(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  @Override
  public void accept(DeliveredRecord r) {
    DecodeResult<? extends SpecificRecordBase> decoded =
        switch (r.stream()) {
          case INTERACTIONS -> EventCodec.interactions().decode(r.value());
          case AGENT_STATES -> EventCodec.agentStates().decode(r.value());
          case SURVEYS -> EventCodec.surveys().decode(r.value());
        };
    if (!decoded.isOk()) {
      leftOut++;
      return;
    }
    ObjectNode json = json(decoded.event());
    if (r.deliveredAtMillis() != r.occurredAtMillis()) {
      json.put(EventJson.RECEIVED_AT, Instant.ofEpochMilli(r.deliveredAtMillis()).toString());
    }
    try {
      out.write(Json.write(json));
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    written++;
  }

  /** The event's fields by their Avro names, as {@link EventJson} reads them; nulls left out. */
  static ObjectNode json(SpecificRecordBase event) {
    ObjectNode json = Json.object();
    for (Schema.Field f : event.getSchema().getFields()) {
      Object v = event.get(f.pos());
      if (v instanceof Instant t) {
        json.put(f.name(), t.toString());
      } else if (v instanceof Integer i) {
        json.put(f.name(), i);
      } else if (v instanceof Long l) {
        json.put(f.name(), l);
      } else if (v instanceof List<?> items) {
        ArrayNode array = json.putArray(f.name());
        items.forEach(item -> array.add(item.toString()));
      } else if (v != null) {
        json.put(f.name(), v.toString()); // strings and enum symbols
      }
    }
    return json;
  }

  /** Events written. */
  public long written() {
    return written;
  }

  /** Records without a JSON form (unreadable, unknown schema), left out. */
  public long leftOut() {
    return leftOut;
  }

  @Override
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
