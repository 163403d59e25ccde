package io.ainj.vm.exec;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.vm.FunctionResultCode;

/** AIN {@code isFailedTx}: recursive failure detection over write and function results. */
public final class Results {
  private Results() {}

  public static boolean isFailed(Json result) {
    if (!(result instanceof JObject r)) {
      return true;
    }
    if (r.get("result_list") instanceof JObject list) {
      for (int i = 0; i < list.size(); i++) {
        if (isFailed(list.value(i))) {
          return true;
        }
      }
      return false;
    }
    if (!(r.get("code") instanceof JNumber c) || c.value() != 0) {
      return true;
    }
    return funcResultsFailed(r.get("func_results")) || subtreeFailed(r.get("subtree_func_results"));
  }

  static boolean funcResultsFailed(Json funcResults) {
    if (!(funcResults instanceof JObject fr)) {
      return false;
    }
    for (int i = 0; i < fr.size(); i++) {
      Json res = fr.value(i);
      if (!(J.get(res, "code") instanceof JNumber c) || FunctionResultCode.isFailed((int) c.value())) {
        return true;
      }
      if (J.get(res, "op_results") instanceof JObject ops) {
        for (int k = 0; k < ops.size(); k++) {
          if (isFailed(J.get(ops.value(k), "result"))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static boolean subtreeFailed(Json subtree) {
    if (!(subtree instanceof JObject st)) {
      return false;
    }
    for (int i = 0; i < st.size(); i++) {
      if (st.value(i) instanceof JObject byPath) {
        for (int k = 0; k < byPath.size(); k++) {
          if (funcResultsFailed(J.get(byPath.value(k), "func_results"))) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
