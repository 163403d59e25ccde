package io.ainj.node.cli;

import io.ainj.crypto.EcdsaBackend;
import io.ainj.crypto.EcdsaBackends;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ainj version}: the build, the JVM and which signature backend this machine gets. */
@Command(name = "version", description = "Print the ainj version, the JVM and the signature backend in use.")
public final class VersionCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    EcdsaBackend backend = EcdsaBackends.select(EcdsaBackends.Choice.AUTO);
    out.println("ainj " + version());
    out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    out.println("os " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    out.println("crypto " + backend.name()
        + (backend.name().equals("native") ? " (libsecp256k1)" : " (Bouncy Castle; native unavailable)"));
    out.flush();
  }

  /** Feeds {@code ainj --version}. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ainj " + version()};
    }
  }
}
