package dev.berth.compose;

/**
 * A compose file the project names in {@code include} or {@code extends.file} that is not there:
 * Compose refuses the project ("open …: no such file or directory").
 *
 * @param written the path as written, with its position
 * @param resolved root-relative path Compose looks for (include paths resolve against the project
 *     directory, {@code extends.file} against the project's working directory too)
 * @param include true for an {@code include} entry, false for {@code extends.file}
 */
public record MissingFile(Located<String> written, String resolved, boolean include) {}
