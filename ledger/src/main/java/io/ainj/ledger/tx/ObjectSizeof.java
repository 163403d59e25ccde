package io.ainj.ledger.tx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The size estimate of npm {@code object-sizeof} 1.6, which AIN uses for the transaction size
 * limit (code 30301) and the block {@code size} field: strings 2 bytes per UTF-16 unit,
 * numbers 8, booleans 4, null 0; an object adds its keys as strings, an array only its
 * elements. Matching it keeps the same transactions inside and outside the limit.
 */
public final class ObjectSizeof {
  private ObjectSizeof() {}

  public static long of(JsonNode node) {
    switch (node.getNodeType()) {
      case STRING:
        return 2L * node.textValue().length();
      case NUMBER:
        return 8;
      case BOOLEAN:
        return 4;
      case ARRAY: {
        long sum = 0;
        for (JsonNode element : node) {
          sum += of(element);
        }
        return sum;
      }
      case OBJECT: {
        long sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          sum += 2L * field.getKey().length() + of(field.getValue());
        }
        return sum;
      }
      default:
        return 0;
    }
  }
}
