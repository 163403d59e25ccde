package io.ainj.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.crypto.Keys;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void everyCommandHasHelpEvenWithRequiredOptions() {
    for (String[] args : new String[][] {{"bench", "--help"}, {"testnet", "init", "-h"}, {"keys", "address", "--help"},
        {"start", "--help"}}) {
      Run r = run(args);
      assertEquals(0, r.code, String.join(" ", args) + ": " + r.err);
      assertTrue(r.out.startsWith("Usage: ainj " + args[0]), r.out);
      assertTrue(r.err.isEmpty(), r.err);
    }
    assertTrue(run("bench", "--help").out.contains("--warmup-s"));
  }

  @Test
  void benchRefusesAHeapSizeTheJvmWouldNotTake() {
    for (String bad : new String[] {"2x", "-1g", "0", "2 g", ""}) {
      Run r = run("bench", "--validators", "1", "--out", tmp.resolve("b").toString(), "--validator-heap", bad);
      assertEquals(2, r.code, bad + ": " + r.out + r.err);
      assertTrue(r.err.contains("--validator-heap takes a size"), r.err);
    }
    assertTrue(run("bench", "--help").out.contains("--validator-heap"));
  }

  @Test
  void startRefusesSizesBelowOneWithAMessage() {
    for (String option : new String[] {"--tx-tracker-size", "--tx-pool-size", "--max-txs-per-block"}) {
      Run r = run("start", "--dev", "--data-dir", tmp.resolve("d").toString(), "--rpc-port", "0", option, "0");
      assertEquals(2, r.code, option + ": " + r.err);
      assertTrue(r.err.startsWith("error: block, pool and tracker sizes must be positive"), r.err);
    }
  }

  @Test
  void versionNamesTheBackend() {
    Run r = run("version");
    assertEquals(0, r.code);
    assertTrue(r.out.startsWith("ainj "), r.out);
    assertTrue(r.out.contains("crypto native"), r.out);
  }

  @Test
  void keysNewWritesAnOwnerOnlyKeyAndKeepsItPrivate() throws Exception {
    Path dir = tmp.resolve("data");
    Run created = run("keys", "new", "--data-dir", dir.toString());
    assertEquals(0, created.code, created.err);
    String address = created.out.lines().filter(l -> l.startsWith("address ")).findFirst().orElseThrow()
        .substring("address ".length());
    String key = Files.readString(dir.resolve("node.key")).trim();
    assertFalse(created.out.contains(key), "the private key must not be printed unless asked");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("node.key"))));
    assertEquals(new AinCrypto(EcdsaBackends.bouncyCastle()).address(Keys.parsePrivateKey(key)), address);

    Run shown = run("keys", "address", "--data-dir", dir.toString(), "--crypto", "bc");
    assertEquals(0, shown.code);
    assertEquals(address, shown.out.trim());

    Run again = run("keys", "new", "--data-dir", dir.toString());
    assertEquals(1, again.code);
    assertTrue(again.err.contains("--force"), again.err);
    assertEquals(key, Files.readString(dir.resolve("node.key")).trim(), "an existing key is never replaced silently");

    Run forced = run("keys", "new", "--data-dir", dir.toString(), "--force", "--show-private-key");
    assertEquals(0, forced.code);
    String newKey = Files.readString(dir.resolve("node.key")).trim();
    assertTrue(forced.out.contains("private key " + newKey));
  }

  @Test
  void keysAddressReportsAMissingOrCorruptKey() throws Exception {
    Run missing = run("keys", "address", "--data-dir", tmp.toString());
    assertEquals(1, missing.code);
    assertTrue(missing.err.contains("keys new"), missing.err);
    Files.writeString(tmp.resolve("node.key"), "not hex");
    Run corrupt = run("keys", "address", "--data-dir", tmp.toString());
    assertEquals(1, corrupt.code);
    assertTrue(corrupt.err.contains("invalid"), corrupt.err);
  }

  @Test
  void conformanceSigningPassesOnBothBackendsAndReportsFailures() throws Exception {
    Path file = tmp.resolve("vectors.json");
    try (InputStream in = getClass().getResourceAsStream("/vectors/signing_vectors.json")) {
      Files.copy(in, file);
    }
    for (String backend : new String[] {"native", "bc"}) {
      Run r = run("conformance", "signing", file.toString(), "--crypto", backend);
      assertEquals(0, r.code, r.out);
      String last = r.out.lines().reduce((a, b) -> b).orElseThrow();
      assertTrue(last.matches("\\d+ passed, 0 failed"), last);
      assertFalse(r.out.contains("FAIL"));
    }
    String tampered = Files.readString(file).replace(
        "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", "0x7e5F4552091A69125d5DfCb7b8C2659029395Bdf");
    Files.writeString(file, tampered);
    Run r = run("conformance", "signing", file.toString());
    assertEquals(1, r.code);
    assertTrue(r.out.contains("FAIL "), r.out);
    assertTrue(r.out.lines().reduce((a, b) -> b).orElseThrow().matches("\\d+ passed, [1-9]\\d* failed"));

    Files.writeString(file, "{ not json");
    assertEquals(2, run("conformance", "signing", file.toString()).code);
    assertEquals(2, run("conformance", "signing", tmp.resolve("absent.json").toString()).code);
  }

  @Test
  void unknownBackendIsAUsageError() {
    Run r = run("conformance", "signing", "x.json", "--crypto", "gpu");
    assertTrue(r.code != 0);
  }
}
