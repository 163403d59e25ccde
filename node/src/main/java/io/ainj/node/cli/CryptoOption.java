package io.ainj.node.cli;

import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.EcdsaBackends;
import picocli.CommandLine.Option;

/** The {@code --crypto} flag shared by commands that sign or verify. */
public final class CryptoOption {
  @Option(
      names = "--crypto",
      paramLabel = "auto|native|bc",
      defaultValue = "${env:AINJ_CRYPTO:-auto}",
      description =
          "Signature backend: native (libsecp256k1), bc (Bouncy Castle), or auto (native when "
              + "it loads, else bc). Default: ${DEFAULT-VALUE} (env AINJ_CRYPTO).")
  String choice;

  AinCrypto crypto() {
    return new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.parse(choice)));
  }
}
