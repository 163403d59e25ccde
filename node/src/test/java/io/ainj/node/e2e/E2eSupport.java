package io.ainj.node.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the ain-js end-to-end tests share: the node started as a real process from the shaded
 * jar, readiness, `npm ci` of the e2e project when needed, running a Node.js script with a
 * timeout, and readable failure output.
 */
abstract class E2eSupport {
  static final Pattern READY = Pattern.compile("ainj node running: JSON-RPC (http://\\S+/json-rpc)");
  static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(60);
  static final Duration READINESS_TIMEOUT = Duration.ofSeconds(30);
  static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(4);
  static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(90);
  static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

  /**
   * Runs {@code e2e/SCRIPT URL ARGS...} with Node.js against a freshly started node: installs the
   * e2e packages when needed, fails with the script's failed steps and the node's last lines
   * when the script exits non-zero, and checks the node survived. Returns the script's result.
   */
  static Result runScenario(Path dataDir, String script, Duration timeout, String... args)
      throws IOException, InterruptedException {
    Path e2eDir = repoDir().resolve("e2e");
    for (String f : List.of("package.json", "package-lock.json", script)) {
      assertTrue(Files.isRegularFile(e2eDir.resolve(f)), "missing " + e2eDir.resolve(f));
    }
    Path nodeBin = executableOnPath(WINDOWS ? "node.exe" : "node");
    Path npmBin = executableOnPath(WINDOWS ? "npm.cmd" : "npm");
    if (!Files.isDirectory(e2eDir.resolve("node_modules").resolve("@ainblockchain").resolve("ain-js"))) {
      Result npm = run(List.of(npmBin.toString(), "ci", "--no-audit", "--no-fund"), e2eDir, NPM_CI_TIMEOUT);
      assertEquals(0, npm.exitCode(), () -> "`npm ci` in " + e2eDir + " failed (exit " + npm.exitCode() + "):\n" + npm.output());
    }
    List<String> nodeLog = new ArrayList<>();
    Process node = startNode(dataDir, nodeLog);
    try {
      String url = awaitUrl(node, nodeLog);
      awaitReadiness(url, node, nodeLog);
      List<String> cmd = new ArrayList<>(List.of(nodeBin.toString(), e2eDir.resolve(script).toString(), url));
      cmd.addAll(List.of(args));
      long t0 = System.nanoTime();
      Result scenario = run(cmd, e2eDir, timeout);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      System.out.println("---- e2e/" + script + " (" + ms + " ms, exit " + scenario.exitCode() + ") ----\n" + scenario.output());
      if (scenario.exitCode() != 0) {
        fail("e2e/" + script + " exited with " + scenario.exitCode() + (scenario.timedOut() ? " (killed after timeout)" : "")
            + "\n---- scenario output ----\n" + scenario.output()
            + "\n---- failed steps ----\n" + failedSteps(scenario.output())
            + "\n---- node output (last 80 lines) ----\n" + tail(nodeLog, 80));
      }
      assertTrue(node.isAlive(), () -> "the node died during the scenario:\n" + tail(nodeLog, 80));
      return scenario;
    } finally {
      stop(node);
    }
  }

  static Path repoDir() {
    String dir = System.getProperty("ainj.repo.dir");
    if (dir != null && Files.isDirectory(Path.of(dir, "e2e"))) {
      return Path.of(dir);
    }
    // Fallback for IDE runs: walk up from the working directory.
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("e2e").resolve("package.json"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root (system property ainj.repo.dir=" + dir + ")");
  }

  static Path jar() {
    String jar = System.getProperty("ainj.jar");
    assertTrue(jar != null, "system property ainj.jar is not set (run this test through maven-failsafe)");
    Path p = Path.of(jar);
    assertTrue(Files.isRegularFile(p), "shaded node jar not found: " + p + " (run `mvnw -pl node -am package` first)");
    return p;
  }

  /** Fails (never skips) when a required tool is absent. */
  static Path executableOnPath(String name) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail("`" + name + "` is not on PATH (" + path + "). The ain-js end-to-end test needs Node.js >= 18 and"
        + " npm; install them (CI images have them). This test fails rather than skips on purpose.");
  }

  static Process startNode(Path dataDir, List<String> log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", WINDOWS ? "java.exe" : "java").toString();
    List<String> cmd = List.of(java, "-Xmx512m", "-jar", jar().toString(), "start", "--dev",
        "--data-dir", dataDir.toString(), "--rpc-port", "0");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> drain(p, log), "ainj-node-output");
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  static String awaitUrl(Process node, List<String> log) throws InterruptedException {
    long deadline = System.nanoTime() + NODE_START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (log) {
        for (String line : log) {
          Matcher m = READY.matcher(line);
          if (m.find()) {
            return m.group(1);
          }
        }
      }
      if (!node.isAlive()) {
        Thread.sleep(200); // let the reader drain the last lines
        return fail("the node exited with " + node.exitValue() + " before it was ready:\n" + tail(log, 80));
      }
      Thread.sleep(50);
    }
    return fail("the node did not print \"ainj node running: JSON-RPC http://...\" within " + NODE_START_TIMEOUT
        + ":\n" + tail(log, 80));
  }

  static void awaitReadiness(String rpcUrl, Process node, List<String> log) throws InterruptedException {
    URI readiness = URI.create(rpcUrl).resolve("/readiness");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READINESS_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline && node.isAlive()) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        last = "HTTP " + r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(100);
    }
    fail(readiness + " did not answer 200 within " + READINESS_TIMEOUT + " (last: " + last + ", node alive: "
        + node.isAlive() + "):\n" + tail(log, 80));
  }

  static void stop(Process node) throws InterruptedException {
    if (node.isAlive()) {
      node.destroy();
      if (!node.waitFor(15, TimeUnit.SECONDS)) {
        node.destroyForcibly();
        node.waitFor(15, TimeUnit.SECONDS);
      }
    }
  }

  record Result(int exitCode, boolean timedOut, String output) {}

  /** Runs a command, merging stderr into stdout; kills it (and its children) after the timeout. */
  static Result run(List<String> cmd, Path dir, Duration timeout) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("NO_COLOR", "1");
    pb.environment().putIfAbsent("npm_config_update_notifier", "false");
    Process p = pb.start();
    List<String> out = new ArrayList<>();
    Thread reader = new Thread(() -> drain(p, out), "output-of-" + Path.of(cmd.get(0)).getFileName());
    reader.setDaemon(true);
    reader.start();
    boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(5000);
    String text;
    synchronized (out) {
      text = String.join("\n", out);
    }
    return new Result(finished ? p.exitValue() : -1, !finished,
        finished ? text : text + "\n<<killed: " + String.join(" ", cmd) + " did not finish within " + timeout + ">>");
  }

  static void drain(Process p, List<String> sink) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        synchronized (sink) {
          sink.add(line);
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  static String failedSteps(String output) {
    StringBuilder sb = new StringBuilder();
    for (String line : output.split("\n")) {
      if (line.startsWith("FAIL ")) {
        sb.append(line).append('\n');
      }
    }
    return sb.length() == 0 ? "(none printed: see the output above)\n" : sb.toString();
  }

  static String tail(List<String> lines, int n) {
    synchronized (lines) {
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
  }
}
