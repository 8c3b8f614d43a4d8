package dev.berth.context;

/** Which disk a question is asked about. Rules say which view they use. */
public enum View {
  /** A fresh clone, as CI builds it: git-ignored files are absent. */
  CLEAN_CLONE,
  /** The developer's working tree: everything the loader found on disk. */
  DEVELOPER
}
