package io.ainj.statedb.path;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.JsonCodec;
import java.util.ArrayList;
import java.util.List;

/** {@code isValidPathForStates}, {@code isValidJsObjectForStates}, {@code getObjectHeightAndSize}. */
public final class StateValidation {
  private StateValidation() {}

  /** Reports the first invalid label as the path prefix ending with it. */
  public static PathCheck checkPath(List<String> labels, int labelLengthLimit) {
    List<String> prefix = new ArrayList<>(labels.size());
    for (String label : labels) {
      prefix.add(label);
      if (!Labels.isValidStateLabel(label, labelLengthLimit)) {
        return PathCheck.invalid(StatePath.format(prefix));
      }
    }
    return PathCheck.VALID;
  }

  /**
   * Path check over labels that may not be strings (JSON input from the API or vectors): a
   * non-string label is invalid and is formatted as its JSON, as AIN's formatPath does.
   */
  public static PathCheck checkJsonPath(List<Json> labels, int labelLengthLimit) {
    List<String> prefix = new ArrayList<>(labels.size());
    for (Json label : labels) {
      if (label instanceof Json.JString s) {
        prefix.add(s.value());
        if (!Labels.isValidStateLabel(s.value(), labelLengthLimit)) {
          return PathCheck.invalid(StatePath.format(prefix));
        }
      } else {
        prefix.add(JsonCodec.stringify(label));
        return PathCheck.invalid(StatePath.format(prefix));
      }
    }
    return PathCheck.VALID;
  }

  /**
   * Objects must be non-empty with valid labels at every depth; leaves must be booleans, finite
   * numbers, strings or null. Arrays are refused anywhere.
   */
  public static PathCheck checkValue(Json value, int labelLengthLimit) {
    return checkValue(value, new ArrayList<>(), labelLengthLimit);
  }

  private static PathCheck checkValue(Json value, List<String> path, int limit) {
    if (value instanceof JObject obj) {
      if (obj.isEmpty()) {
        return PathCheck.invalid(StatePath.format(path));
      }
      for (int i = 0; i < obj.size(); i++) {
        String key = obj.key(i);
        path.add(key);
        if (!Labels.isValidStateLabel(key, limit)) {
          return PathCheck.invalid(StatePath.format(path));
        }
        PathCheck child = checkValue(obj.value(i), path, limit);
        if (!child.isValid()) {
          return child;
        }
        path.remove(path.size() - 1);
      }
      return PathCheck.VALID;
    }
    if (value instanceof Json.JArray) {
      return PathCheck.invalid(StatePath.format(path));
    }
    if (value instanceof JNumber n && !n.isFinite()) {
      return PathCheck.invalid(StatePath.format(path));
    }
    return PathCheck.VALID;
  }

  /** Height and size of a JSON object as state rules measure them (a primitive is 0/0). */
  public record HeightAndSize(int height, long size) {}

  public static HeightAndSize heightAndSize(Json value) {
    if (!(value instanceof JObject obj) || obj.isEmpty()) {
      return new HeightAndSize(0, 0);
    }
    int height = 0;
    long size = 0;
    for (int i = 0; i < obj.size(); i++) {
      HeightAndSize c = heightAndSize(obj.value(i));
      height = Math.max(height, c.height() + 1);
      size += c.size() + 1;
    }
    return new HeightAndSize(height, size);
  }
}
