package io.ainj.node.cli;

import io.ainj.node.keys.KeyFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ainj keys}: the node key in the data directory. */
@Command(
    name = "keys",
    description = "Create or inspect the node key (DATA_DIR/" + KeyFile.FILE_NAME + ", owner-only).",
    subcommands = {KeysCommand.New.class, KeysCommand.Address.class})
public final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "new",
      description =
          "Generate a new secp256k1 node key and print its address. The private key goes to the "
              + "key file (mode 600) and is printed only with --show-private-key.")
  static final class New implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin DataDirOption dataDir;
    @Mixin CryptoOption crypto;

    @Option(names = "--force", description = "Replace an existing key (the old one is lost).")
    boolean force;

    @Option(names = "--show-private-key", description = "Also print the private key (hex).")
    boolean showPrivateKey;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      byte[] key;
      try {
        key = KeyFile.create(dataDir.dataDir, force, new SecureRandom());
      } catch (FileAlreadyExistsException e) {
        spec.commandLine().getErr().println("error: " + e.getReason() + ": " + e.getFile());
        return 1;
      }
      out.println("address " + crypto.crypto().address(key));
      out.println("key file " + KeyFile.path(dataDir.dataDir));
      if (showPrivateKey) {
        out.println("private key " + io.ainj.crypto.Hex.encode(key));
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "address", description = "Print the address of the node key.")
  static final class Address implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin DataDirOption dataDir;
    @Mixin CryptoOption crypto;

    @Override
    public Integer call() {
      try {
        spec.commandLine().getOut().println(KeyFile.address(dataDir.dataDir, crypto.crypto()));
        spec.commandLine().getOut().flush();
        return 0;
      } catch (IOException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 1;
      }
    }
  }
}
