package dev.berth.compose;

/** A service {@code env_file} entry: root-relative path (as rewritten) and whether it must exist. */
public record EnvFileRef(Located<String> path, boolean required) {}
