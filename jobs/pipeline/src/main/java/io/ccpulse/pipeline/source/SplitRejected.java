package io.ccpulse.pipeline.source;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes decoded events on and sends rejections to the {@link #REJECTED} side output. */
public final class SplitRejected<T> extends ProcessFunction<Inbound<T>, Inbound<T>> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<RejectedEvent> REJECTED = new OutputTag<>("rejected") {};

  @Override
  public void processElement(Inbound<T> in, Context ctx, Collector<Inbound<T>> out) {
    if (in.isRejected()) {
      ctx.output(REJECTED, in.rejected);
    } else {
      out.collect(in);
    }
  }
}
