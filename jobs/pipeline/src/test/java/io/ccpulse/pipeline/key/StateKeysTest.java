package io.ccpulse.pipeline.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.interval.EntityKind;
import io.ccpulse.pipeline.interval.IntervalKey;
import io.ccpulse.pipeline.testing.RoundTrip;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** The keys of keyed state: parts kept apart, so no id can run into another. */
class StateKeysTest {
  @Test
  void tenantsWhoseJoinedKeysWereEqualAreTwoKeys() {
    // Joined with "/", tenant a/b's contact c and tenant a's contact b/c were the same key.
    TenantKey one = TenantKey.of("a/b", "c");
    TenantKey other = TenantKey.of("a", "b/c");
    assertThat(one).isNotEqualTo(other);
    assertThat(TenantKey.of("a/b", "c")).isEqualTo(one).hasSameHashCodeAs(one);
  }

  @Test
  void entitiesWhoseJoinedKeysWereEqualAreTwoKeys() {
    // Joined with U+0001, agent "x\u0001AGENT\u0001y" of tenant t and agent y of tenant
    // "t\u0001AGENT\u0001x"
    // were one string; splitting it again named the wrong entity or threw.
    IntervalKey one = IntervalKey.of("t", EntityKind.AGENT, "x\u0001AGENT\u0001y", Channel.VOICE);
    IntervalKey other = IntervalKey.of("t\u0001AGENT\u0001x", EntityKind.AGENT, "y", Channel.VOICE);
    assertThat(one).isNotEqualTo(other);
    assertThat(IntervalKey.of("t", EntityKind.QUEUE, "q", Channel.CHAT))
        .isNotEqualTo(IntervalKey.of("t", EntityKind.AGENT, "q", Channel.CHAT))
        .isNotEqualTo(IntervalKey.of("t", EntityKind.QUEUE, "q", Channel.VOICE));
  }

  @Test
  void hashCodesDependOnTheValuesOnly() {
    // Key groups come from hashCode(): an identity-based part (an enum's) would send a key to
    // another key group in another JVM, and a restored job would not find its state.
    assertThat(TenantKey.of("acme", "i-1").hashCode())
        .isEqualTo(31 * "acme".hashCode() + "i-1".hashCode());
    int expected =
        ((("acme".hashCode() * 31) + "QUEUE".hashCode()) * 31 + "billing".hashCode()) * 31
            + "VOICE".hashCode();
    assertThat(IntervalKey.of("acme", EntityKind.QUEUE, "billing", Channel.VOICE).hashCode())
        .isEqualTo(expected);
  }

  @Test
  void aKeyGivenNewFieldsHashesByThem() {
    // Its hash code is kept, but a serializer reusing the object may set other fields.
    TenantKey k = TenantKey.of("acme", "i-1");
    int before = k.hashCode();
    k.id = "i-2";
    assertThat(k.hashCode()).isEqualTo(TenantKey.of("acme", "i-2").hashCode()).isNotEqualTo(before);
    k.tenantId = null;
    assertThat(k.hashCode()).isEqualTo("i-2".hashCode());
    IntervalKey e = IntervalKey.of("acme", EntityKind.QUEUE, "billing", Channel.VOICE);
    int queue = e.hashCode();
    e.kind = EntityKind.AGENT;
    assertThat(e.hashCode())
        .isEqualTo(IntervalKey.of("acme", EntityKind.AGENT, "billing", Channel.VOICE).hashCode())
        .isNotEqualTo(queue);
  }

  @Test
  void keysArePojosWithTheirOwnSerializerAndSurviveAnyId() throws Exception {
    String odd = "a/b\u0001c\n\u0000\u200b" + "x".repeat(1000);
    assertThat(roundTrip(TenantKey.class, TenantKey.of(odd, odd)))
        .isEqualTo(TenantKey.of(odd, odd));
    IntervalKey k = IntervalKey.of(odd, EntityKind.TENANT_CHANNEL, odd, Channel.EMAIL);
    assertThat(roundTrip(IntervalKey.class, k)).isEqualTo(k);
  }

  private static <T> T roundTrip(Class<T> type, T value) throws Exception {
    TypeInformation<T> info = TypeInformation.of(type);
    assertThat(info)
        .isInstanceOf(PojoTypeInfo.class); // not a generic (Kryo) type: those are off in the job
    assertThat(info.isKeyType()).isTrue();
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.setGenericTypes(false);
    TypeSerializer<T> serializer = info.createSerializer(config);
    return RoundTrip.of(serializer, value);
  }
}
