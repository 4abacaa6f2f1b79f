package io.ccpulse.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Random generic records of any schema, from a seed: data "written by an old producer". */
final class RandomRecords {
  private final Random random;

  RandomRecords(long seed) {
    this.random = new Random(seed);
  }

  GenericRecord record(Schema schema) {
    GenericRecord record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      record.put(field.pos(), value(field.schema()));
    }
    return record;
  }

  private Object value(Schema schema) {
    switch (schema.getType()) {
      case RECORD:
        return record(schema);
      case ENUM:
        List<String> symbols = schema.getEnumSymbols();
        return new GenericData.EnumSymbol(schema, symbols.get(random.nextInt(symbols.size())));
      case ARRAY:
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          items.add(value(schema.getElementType()));
        }
        return new GenericData.Array<>(schema, items);
      case UNION:
        List<Schema> branches = schema.getTypes();
        return value(branches.get(random.nextInt(branches.size())));
      case STRING:
        return "s" + Long.toString(random.nextLong() & 0xffffff, 36);
      case INT:
        return random.nextInt(1000);
      case LONG:
        // Plausible epoch millis, so timestamp-millis fields look like real times.
        return 1_700_000_000_000L + random.nextInt(1_000_000_000);
      case BOOLEAN:
        return random.nextBoolean();
      case DOUBLE:
        return random.nextDouble();
      case FLOAT:
        return random.nextFloat();
      case NULL:
        return null;
      default:
        throw new UnsupportedOperationException("No random values for " + schema.getType());
    }
  }
}
