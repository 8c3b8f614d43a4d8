package dev.berth.project;

/** A file found under the root, classified by its name. */
public record ProjectFile(String path, Kind kind) {
  public enum Kind { DOCKERFILE, COMPOSE, DOCKERIGNORE, OTHER }
}
