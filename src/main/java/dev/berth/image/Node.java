package dev.berth.image;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One path of the simulated image. Unknown parts are empty optionals, never guesses.
 *
 * @param kind what the path is; {@link Kind#ABSENT} records a path known not to exist (removed)
 * @param childrenKnown every child of this directory has its own node (a directory berth created
 *     itself); false for base-image and copied directories
 * @param childUid owner of descendants without their own node (a copied tree, a {@code chown -R})
 * @param populated an install wrote files of unknown names here (pip console scripts, packages)
 * @param target symlink target as written
 */
public record Node(
    Kind kind,
    OptionalInt uid,
    OptionalInt gid,
    OptionalInt mode,
    boolean childrenKnown,
    OptionalInt childUid,
    OptionalInt childGid,
    boolean populated,
    Optional<String> target,
    Origin origin) {

  public enum Kind { DIR, FILE, SYMLINK, ABSENT, UNKNOWN }

  public Node {
    uid = shared(uid);
    gid = shared(gid);
    mode = shared(mode);
    childUid = shared(childUid);
    childGid = shared(childGid);
  }

  /**
   * One instance per small value (ids and modes are mostly 0, 1000, 0755, 0644): a large tree
   * keeps hundreds of thousands of nodes, and their optionals were a fifteenth of the heap.
   */
  private static final OptionalInt[] SHARED = new OptionalInt[4096];

  private static OptionalInt shared(OptionalInt v) {
    if (v.isEmpty() || v.getAsInt() < 0 || v.getAsInt() >= SHARED.length) return v;
    OptionalInt s = SHARED[v.getAsInt()];
    if (s == null) {
      s = v; // a race only stores an equal value twice
      SHARED[v.getAsInt()] = s;
    }
    return s;
  }

  public static Node dir(int uid, int gid, int mode, boolean childrenKnown, Origin origin) {
    return new Node(Kind.DIR, OptionalInt.of(uid), OptionalInt.of(gid), OptionalInt.of(mode),
        childrenKnown, OptionalInt.empty(), OptionalInt.empty(), false, Optional.empty(), origin);
  }

  public static Node file(int uid, int gid, OptionalInt mode, Origin origin) {
    return new Node(Kind.FILE, OptionalInt.of(uid), OptionalInt.of(gid), mode, true,
        OptionalInt.empty(), OptionalInt.empty(), false, Optional.empty(), origin);
  }

  public static Node absent(Origin origin) {
    return new Node(Kind.ABSENT, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
        true, OptionalInt.empty(), OptionalInt.empty(), false, Optional.empty(), origin);
  }

  public static Node unknown(Origin origin) {
    return new Node(Kind.UNKNOWN, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
        false, OptionalInt.empty(), OptionalInt.empty(), false, Optional.empty(), origin);
  }

  public boolean exists() {
    return kind != Kind.ABSENT;
  }

  /**
   * Paths below it may have no node of their own (a copied tree, an install, children berth
   * does not list): only a recursive change reaches them.
   */
  public boolean hasUnlistedDescendants() {
    return childUid.isPresent() || populated || !childrenKnown;
  }

  public Node withOwner(OptionalInt newUid, OptionalInt newGid, Origin o) {
    return new Node(kind, newUid.isPresent() ? newUid : uid, newGid.isPresent() ? newGid : gid, mode,
        childrenKnown, childUid, childGid, populated, target, o);
  }

  public Node withChildOwner(OptionalInt newUid, OptionalInt newGid) {
    return new Node(kind, uid, gid, mode, childrenKnown,
        newUid.isPresent() ? newUid : childUid, newGid.isPresent() ? newGid : childGid,
        populated, target, origin);
  }

  public Node withMode(OptionalInt newMode, Origin o) {
    return new Node(kind, uid, gid, newMode, childrenKnown, childUid, childGid, populated, target, o);
  }

  /**
   * The same directory (owner and mode) with children of unknown names and owners, which
   * {@code o} put there: the node's origin becomes that instruction, so the directory no longer
   * reads as the base image's (whose deeper content is unknown too, but guessed absent).
   */
  public Node withChildrenUnknown(Origin o) {
    return new Node(kind, uid, gid, mode, false, OptionalInt.empty(), OptionalInt.empty(),
        populated, target, o);
  }

  public Node withPopulated(Origin o) {
    return new Node(kind, uid, gid, mode, false, childUid, childGid, true, target, o);
  }

  /** {@code drwx------ 0:0} style summary for messages. */
  public String describe() {
    return modeText("mode unknown") + " " + ownerText("owner unknown");
  }

  /** {@code mode 0700, owner 0:0}, with {@code ?} for what is unknown, for messages. */
  public String modeAndOwner() {
    return "mode " + modeText("?") + ", owner " + ownerText("?");
  }

  private String modeText(String unknown) {
    return mode.isPresent() ? String.format(java.util.Locale.ROOT, "%04o", mode.getAsInt())
        : unknown;
  }

  private String ownerText(String unknown) {
    return uid.isPresent() ? uid.getAsInt() + ":" + (gid.isPresent() ? gid.getAsInt() : "?")
        : unknown;
  }
}
