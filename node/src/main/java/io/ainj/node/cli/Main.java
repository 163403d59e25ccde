package io.ainj.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ainj} command. */
@Command(
    name = "ainj",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = {
      "ainj: a permissioned PBFT blockchain node, wire-compatible with AIN Blockchain clients.",
      ""
    },
    subcommands = {
      StartCommand.class,
      TestnetCommand.class,
      VersionCommand.class,
      KeysCommand.class,
      SimulateCommand.class,
      BenchCommand.class,
      ConformanceCommand.class,
      AinftCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    addHelpOption(cl);
    return cl;
  }

  /** {@code ainj <command> --help} prints that command's usage (picocli adds it only on the top). */
  private static void addHelpOption(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
      if (spec.userObject() instanceof CommandLine.HelpCommand || spec.findOption("--help") != null) {
        continue;
      }
      spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
          .description("Show this help and exit.").build());
      addHelpOption(sub);
    }
  }

  @Override
  public void run() {
    // No subcommand: show what there is.
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
