package io.ainj.vm.ainft;

import io.ainj.crypto.CanonicalJson;
import io.ainj.crypto.Hex;
import io.ainj.crypto.Keccak256;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.Json.JString;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.path.Labels;
import io.ainj.statedb.path.StatePath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The AINFT identity record: schema of its components (docs/ainft.md §2.1), digests, and the
 * content-addressed token id. Pure functions; shared by the vm, the RPC layer and the CLI so the
 * id is computed one way only.
 */
public final class AinftRecords {
  private AinftRecords() {}

  public static final String VERSION = "v1";
  public static final int MAX_STRING = 1024;
  public static final int MAX_URL = 2048;
  public static final int MAX_PARENTS = 16;
  public static final int MAX_BPS = 10_000;

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern TOKEN_ID = Pattern.compile("0x[0-9a-f]{64}");
  private static final Pattern COLLECTION_ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** Allowed keys per component; the required ones are checked separately. */
  static final Map<String, Set<String>> COMPONENT_KEYS = Map.of(
      "data", Set.of("digest", "name", "uri", "size", "format", "license", "recipe"),
      "model", Set.of("name", "epoch", "platform", "digest", "uri", "size", "format", "license",
          "recipe"),
      "service", Set.of("api", "demo", "digest", "recipe"));
  public static final List<String> COMPONENTS = List.of("data", "model", "service");

  /** A failed check: the code and a message naming the offending field. */
  public record Problem(int code, String message) {}

  public static boolean isDigest(Json j) {
    return j instanceof JString s && DIGEST.matcher(s.value()).matches();
  }

  public static boolean isDigest(String s) {
    return s != null && DIGEST.matcher(s).matches();
  }

  public static boolean isTokenId(String s) {
    return s != null && TOKEN_ID.matcher(s).matches();
  }

  public static boolean isCollectionId(String s) {
    return s != null && COLLECTION_ID.matcher(s).matches();
  }

  /** {@code "0x" + keccak256(canonical JSON of the record)}, lower-case hex. */
  public static String tokenId(Json record) {
    byte[] canonical = CanonicalJson.encode(JsonCodec.toJackson(record));
    return "0x" + Hex.encode(Keccak256.hash(canonical));
  }

  /** {@code "sha256:<hex>"} of some bytes, the digest format records carry. */
  public static String sha256Digest(byte[] sha256) {
    return "sha256:" + Hex.encode(sha256);
  }

  static boolean isSafeInteger(Json j, double min, double max) {
    return j instanceof JNumber n && n.isFinite() && n.value() == Math.rint(n.value())
        && n.value() >= min && n.value() <= max && Math.abs(n.value()) <= 9007199254740991d;
  }

  static boolean isShortString(Json j, int max) {
    return j instanceof JString s && !s.value().isEmpty() && s.value().length() <= max;
  }

  static boolean isUrl(Json j) {
    if (!isShortString(j, MAX_URL)) {
      return false;
    }
    String s = ((JString) j).value();
    return (s.startsWith("https://") && s.length() > 8) || (s.startsWith("http://") && s.length() > 7);
  }

  /** A state path such as {@code /apps/chat/AIN}: absolute, valid labels, at most 30 deep. */
  public static boolean isStatePath(Json j) {
    if (!isShortString(j, MAX_STRING)) {
      return false;
    }
    String s = ((JString) j).value();
    if (!s.startsWith("/")) {
      return false;
    }
    List<String> labels = StatePath.parse(s);
    if (labels.isEmpty() || labels.size() > 30) {
      return false;
    }
    for (String l : labels) {
      if (!Labels.isValidStateLabel(l, Labels.DEFAULT_LABEL_LENGTH_LIMIT) || l.startsWith(".")
          || l.startsWith("$") || l.equals("*")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Free JSON the state tree stores faithfully: no arrays, no empty objects, bounded strings;
   * a key ending in {@code digest} holds a digest.
   */
  static Problem checkFree(Json j, String where, int depth) {
    if (depth > 8) {
      return new Problem(AinftCodes.INVALID_RECORD, where + " is nested too deeply");
    }
    if (j instanceof JObject o) {
      if (o.isEmpty()) {
        return new Problem(AinftCodes.INVALID_RECORD, where + " is an empty object");
      }
      for (String k : o.keys()) {
        Json v = o.get(k);
        if (k.endsWith("digest") && !isDigest(v)) {
          return new Problem(AinftCodes.INVALID_DIGEST, where + "." + k
              + " is not a digest (sha256:<64 lower-case hex>)");
        }
        Problem p = checkFree(v, where + "." + k, depth + 1);
        if (p != null) {
          return p;
        }
      }
      return null;
    }
    if (j instanceof JString s) {
      return s.value().length() <= MAX_URL ? null
          : new Problem(AinftCodes.INVALID_RECORD, where + " is too long");
    }
    if (j instanceof JNumber n) {
      return n.isFinite() ? null : new Problem(AinftCodes.INVALID_RECORD, where + " is not finite");
    }
    if (j instanceof Json.JBool) {
      return null;
    }
    return new Problem(AinftCodes.INVALID_RECORD, where + " must be an object, string, number or"
        + " boolean (no arrays or nulls)");
  }

  /** Validates one component of a mint request; null when it is well-formed. */
  public static Problem checkComponent(String name, Json c) {
    if (!(c instanceof JObject o) || o.isEmpty()) {
      return new Problem(AinftCodes.INVALID_RECORD, name + " must be a non-empty object");
    }
    Set<String> allowed = COMPONENT_KEYS.get(name);
    for (String k : o.keys()) {
      if (!allowed.contains(k)) {
        return new Problem(AinftCodes.INVALID_RECORD, name + "." + k + " is not a field of "
            + name + " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
    Json digest = o.get("digest");
    if (digest != null && !isDigest(digest)) {
      return new Problem(AinftCodes.INVALID_DIGEST, name
          + ".digest is not a digest (sha256:<64 lower-case hex>)");
    }
    switch (name) {
      case "data" -> {
        if (digest == null) {
          return new Problem(AinftCodes.INVALID_RECORD, "data.digest is required");
        }
      }
      case "model" -> {
        if (!isShortString(o.get("name"), MAX_STRING)) {
          return new Problem(AinftCodes.INVALID_RECORD, "model.name must be a non-empty string");
        }
        if (!isSafeInteger(o.get("epoch"), 0, 9007199254740991d)) {
          return new Problem(AinftCodes.INVALID_RECORD, "model.epoch must be an integer >= 0");
        }
        if (!isShortString(o.get("platform"), MAX_STRING)) {
          return new Problem(AinftCodes.INVALID_RECORD,
              "model.platform must be a non-empty string");
        }
        if (digest == null) {
          return new Problem(AinftCodes.INVALID_RECORD, "model.digest is required");
        }
      }
      default -> {
        if (!isUrl(o.get("api"))) {
          return new Problem(AinftCodes.INVALID_RECORD, "service.api must be an http(s) URL");
        }
        if (o.has("demo") && !isUrl(o.get("demo"))) {
          return new Problem(AinftCodes.INVALID_RECORD, "service.demo must be an http(s) URL");
        }
      }
    }
    for (String k : List.of("name", "uri", "format", "license", "platform")) {
      if (o.has(k) && !isShortString(o.get(k), k.equals("uri") ? MAX_URL : MAX_STRING)) {
        return new Problem(AinftCodes.INVALID_RECORD, name + "." + k
            + " must be a non-empty string");
      }
    }
    if (o.has("size") && !isSafeInteger(o.get("size"), 0, 9007199254740991d)) {
      return new Problem(AinftCodes.INVALID_RECORD, name + ".size must be an integer >= 0");
    }
    if (o.has("recipe")) {
      if (!(o.get("recipe") instanceof JObject)) {
        return new Problem(AinftCodes.INVALID_RECORD, name + ".recipe must be an object");
      }
      Problem p = checkFree(o.get("recipe"), name + ".recipe", 0);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  /**
   * The digest a verify target names: a component name ({@code data}, {@code model},
   * {@code service}) means its {@code digest}; anything else is a dotted path into the record.
   * Null when the record has no digest there.
   */
  public static String digestAt(Json record, String target) {
    String path = COMPONENTS.contains(target) ? target + ".digest" : target;
    Json cur = record;
    for (String part : path.split("\\.", -1)) {
      if (!(cur instanceof JObject o)) {
        return null;
      }
      cur = o.get(part);
    }
    return cur instanceof JString s && isDigest(s.value()) ? s.value() : null;
  }
}
