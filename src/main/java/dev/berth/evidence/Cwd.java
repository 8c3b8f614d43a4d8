package dev.berth.evidence;

import java.util.Optional;

/**
 * The directory a command runs in, and how berth knows it.
 *
 * @param dir root-relative directory ("" = root); empty when unknown
 */
public record Cwd(Optional<String> dir, Basis basis) {

  public enum Basis {
    /**
     * The file says it: a Makefile's or package.json's own directory, a workflow's
     * {@code working-directory}, a CI job's checkout, a {@code cd} to a known directory.
     */
    KNOWN,
    /**
     * A script whose caller is not known: it may run from its own directory or from the
     * repository root, and only one of them holds the files the command names.
     */
    CONFIRMED_BY_FILES,
    /** Bake and Skaffold files, read from their own directory as the tools do by default. */
    CONVENTION,
    /** Nothing tells. */
    UNKNOWN
  }

  public static Cwd known(String dir) {
    return new Cwd(Optional.of(dir), Basis.KNOWN);
  }

  public static Cwd unknown() {
    return new Cwd(Optional.empty(), Basis.UNKNOWN);
  }
}
