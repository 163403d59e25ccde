package io.ainj.statedb.read;

import io.ainj.statedb.json.Json;

/**
 * Options of AIN reads, with their API names in comments.
 *
 * @param isShallow {@code is_shallow}: internal children shown as {@code {"#state_ph": ...}}
 * @param isPartial {@code is_partial}: page through children in radix order
 * @param lastEndLabel {@code last_end_label}: radix (hex) label to continue after, or null
 * @param includeVersion {@code include_version}
 * @param includeTreeInfo {@code include_tree_info}
 * @param includeProof {@code include_proof}
 * @param fromApi apply the API response guards (sizes, siblings), as {@code ain_get} does
 */
public record ReadOptions(
    boolean isShallow,
    boolean isPartial,
    String lastEndLabel,
    boolean includeVersion,
    boolean includeTreeInfo,
    boolean includeProof,
    boolean fromApi) {

  public static final ReadOptions DEFAULT =
      new ReadOptions(false, false, null, false, false, false, false);

  public ReadOptions withShallow(boolean v) {
    return new ReadOptions(v, isPartial, lastEndLabel, includeVersion, includeTreeInfo,
        includeProof, fromApi);
  }

  public ReadOptions withPartial(boolean v, String lastEnd) {
    return new ReadOptions(isShallow, v, lastEnd, includeVersion, includeTreeInfo, includeProof,
        fromApi);
  }

  public ReadOptions withProof(boolean v) {
    return new ReadOptions(isShallow, isPartial, lastEndLabel, includeVersion, includeTreeInfo, v,
        fromApi);
  }

  public ReadOptions withVersion(boolean v) {
    return new ReadOptions(isShallow, isPartial, lastEndLabel, v, includeTreeInfo, includeProof,
        fromApi);
  }

  public ReadOptions withTreeInfo(boolean v) {
    return new ReadOptions(isShallow, isPartial, lastEndLabel, includeVersion, v, includeProof,
        fromApi);
  }

  public ReadOptions withFromApi(boolean v) {
    return new ReadOptions(isShallow, isPartial, lastEndLabel, includeVersion, includeTreeInfo,
        includeProof, v);
  }

  /**
   * Reads options given under either naming (internal {@code isShallow} or API {@code is_shallow})
   * from a JSON object. A string "true" counts as true, as {@code ain_get} converts option strings.
   */
  public static ReadOptions fromJson(Json opts) {
    if (!(opts instanceof Json.JObject o)) {
      return DEFAULT;
    }
    Json lastEnd = first(o, "lastEndLabel", "last_end_label");
    String le = lastEnd instanceof Json.JString s ? s.value() : null;
    return new ReadOptions(
        flag(first(o, "isShallow", "is_shallow")),
        flag(first(o, "isPartial", "is_partial")),
        le,
        flag(first(o, "includeVersion", "include_version")),
        flag(first(o, "includeTreeInfo", "include_tree_info")),
        flag(first(o, "includeProof", "include_proof")),
        false);
  }

  private static Json first(Json.JObject o, String a, String b) {
    Json v = o.get(a);
    return v != null ? v : o.get(b);
  }

  private static boolean flag(Json v) {
    if (v instanceof Json.JBool b) {
      return b.value();
    }
    return v instanceof Json.JString s && s.value().equals("true");
  }
}
