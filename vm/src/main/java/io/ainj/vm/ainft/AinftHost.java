package io.ainj.vm.ainft;

import io.ainj.statedb.json.Json;
import io.ainj.vm.exec.OpContext;
import io.ainj.vm.exec.VmParams;
import java.util.List;

/**
 * What the AINFT service needs from the executor running the operation: reads and raw writes of
 * the values tree (the service is the only writer below {@code /ainft}, so its writes skip rules),
 * and ordinary SET_VALUE operations for everything outside it (the payout transfers).
 */
public interface AinftHost {
  /** The value (or rendered subtree) at a local values path; JSON null when absent. */
  Json read(List<String> path);

  /** A raw write of the values tree (null deletes). */
  void write(List<String> path, Json value);

  /** An ordinary SET_VALUE with rules and triggered functions; AIN's op result. */
  Json setValue(String path, Json value, Json auth);

  VmParams params();

  OpContext context();
}
