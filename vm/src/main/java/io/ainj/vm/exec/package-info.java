/**
 * Operation execution over a {@link io.ainj.statedb.MutableState}: rule, owner and function
 * matching, write-permission and owner-permission evaluation, SET_VALUE/INC/DEC/SET_RULE/
 * SET_OWNER/SET_FUNCTION/SET with AIN's result shapes, function triggering and the native
 * function registry.
 *
 * <p>Must not touch: the wall clock (time comes from {@link io.ainj.vm.exec.OpContext}), I/O
 * (REST functions are only recorded, never called), persistence, blocks or transactions beyond
 * the hash and timestamp handed in.
 */
package io.ainj.vm.exec;
