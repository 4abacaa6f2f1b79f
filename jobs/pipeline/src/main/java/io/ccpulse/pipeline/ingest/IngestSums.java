package io.ccpulse.pipeline.ingest;

import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.sums.SumsBeforeWindows;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/** Counts the events per tenant, type and interval before the count windows. */
final class IngestSums<T extends SpecificRecord>
    extends SumsBeforeWindows<Inbound<T>, TenantKey, IngestSum> {
  private static final long serialVersionUID = 1L;

  private final EventKind<T> kind;

  /** "InteractionEvent.QUEUED" by event type: made once, not for every event. */
  private transient Map<String, String> typeNames;

  IngestSums(EventKind<T> kind, Duration interval) {
    super(interval);
    this.kind = kind;
  }

  @Override
  public void open() throws Exception {
    super.open();
    typeNames = new HashMap<>();
  }

  @Override
  protected long at(Inbound<T> in) {
    return kind.occurredAt(in.event).toEpochMilli();
  }

  @Override
  protected IngestSum sum(TenantKey key, long intervalStart) {
    return IngestSum.of(key, 0);
  }

  @Override
  protected void add(Inbound<T> in, Function<TenantKey, IngestSum> sums) {
    sums.apply(key(in)).events++;
  }

  @Override
  protected void alone(Inbound<T> in, long intervalStart, Consumer<IngestSum> out) {
    out.accept(IngestSum.of(key(in), 1));
  }

  /**
   * Tenant and type kept apart (the id is the type): a tenant id holding a separator must not land
   * its events in another tenant's count.
   */
  private TenantKey key(Inbound<T> in) {
    String type = typeNames.computeIfAbsent(kind.type(in.event), t -> kind.recordName() + "." + t);
    return TenantKey.of(kind.tenant(in.event), type);
  }
}
