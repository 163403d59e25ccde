package io.ainj.vm.exec;

/**
 * Blockchain params the vm reads (AIN {@code blockchain_params.json}, "resource" and
 * "genesis" sections). Defaults are the base config's values.
 *
 * @param unitWriteGasAmount bandwidth gas of every single write op
 * @param labelLengthLimit {@code state_label_length_limit}
 * @param treeHeightLimit {@code state_tree_height_limit}
 * @param minGcNumSiblingsDeleted lower bound for GC state rules written by SET_RULE
 * @param accountRegistrationGasAmount extra gas of a transfer to a new account
 * @param restFunctionCallGasAmount gas recorded for a REST function trigger
 * @param setOpListSizeLimit longest SET op_list inside a block
 * @param genesisAddress the consensus admin when /manage_app/consensus/config/admin is absent
 */
public record VmParams(long unitWriteGasAmount, int labelLengthLimit, int treeHeightLimit,
    double minGcNumSiblingsDeleted, long accountRegistrationGasAmount,
    long restFunctionCallGasAmount, int setOpListSizeLimit, String genesisAddress) {

  public static final String BASE_GENESIS_ADDRESS = "0xAAAf6f50A0304F12119D218b94bea8082642515B";

  public static VmParams defaults() {
    return new VmParams(1, 150, 30, 100, 2000, 100, 50, BASE_GENESIS_ADDRESS);
  }
}
