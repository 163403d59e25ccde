package io.ainj.node.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} flag: where the node keeps its key, chain and state. */
public final class DataDirOption {
  @Option(
      names = {"-d", "--data-dir"},
      paramLabel = "DIR",
      defaultValue = "${env:AINJ_DATA_DIR:-${sys:user.home}/.ainj}",
      description = "Data directory. Default: ${DEFAULT-VALUE} (env AINJ_DATA_DIR).")
  Path dataDir;
}
