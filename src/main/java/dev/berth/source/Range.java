package dev.berth.source;

/**
 * A span of text in one project file. Lines and columns are 1-based; the end column is exclusive,
 * as SARIF regions want. Columns count UTF-16 code units, like SARIF's default {@code columnKind}.
 *
 * @param file project-relative path with forward slashes (never absolute, never starting with "./")
 */
public record Range(String file, int startLine, int startColumn, int endLine, int endColumn)
    implements Comparable<Range> {

  public Range {
    if (startLine < 1 || startColumn < 1 || endLine < startLine
        || (endLine == startLine && endColumn < startColumn)) {
      throw new IllegalArgumentException(
          "bad range " + file + ":" + startLine + ":" + startColumn + "-" + endLine + ":" + endColumn);
    }
  }

  /** A range covering a whole file when nothing finer is known (e.g. an unreadable file). */
  public static Range wholeFile(String file) {
    return new Range(file, 1, 1, 1, 1);
  }

  public static Range point(String file, int line, int column) {
    return new Range(file, line, column, line, column);
  }

  /** The smallest range covering both; both must be in the same file. */
  public Range union(Range other) {
    Range first = compareTo(other) <= 0 ? this : other;
    boolean thisEndsLater = endLine > other.endLine
        || (endLine == other.endLine && endColumn >= other.endColumn);
    Range last = thisEndsLater ? this : other;
    return new Range(file, first.startLine, first.startColumn, last.endLine, last.endColumn);
  }

  /** {@code inner} lies inside this range, in the same file (a variable inside a value). */
  public boolean encloses(Range inner) {
    boolean startsInside = inner.startLine > startLine
        || (inner.startLine == startLine && inner.startColumn >= startColumn);
    boolean endsInside = inner.endLine < endLine
        || (inner.endLine == endLine && inner.endColumn <= endColumn);
    return file.equals(inner.file) && startsInside && endsInside;
  }

  public boolean contains(int line) {
    return line >= startLine && line <= endLine;
  }

  @Override
  public int compareTo(Range o) {
    int c = file.compareTo(o.file);
    if (c != 0) return c;
    c = Integer.compare(startLine, o.startLine);
    if (c != 0) return c;
    c = Integer.compare(startColumn, o.startColumn);
    if (c != 0) return c;
    c = Integer.compare(endLine, o.endLine);
    return c != 0 ? c : Integer.compare(endColumn, o.endColumn);
  }

  @Override
  public String toString() {
    return file + ":" + startLine + ":" + startColumn;
  }

  // Written out, not left to the record: a record's generated equals and hashCode link through
  // java.lang.invoke on first use, which spins method-handle classes no JDK 17 start-up archive
  // keeps (about 3 ms each cold; ranges are the most common map key in berth).
  @Override
  public boolean equals(Object o) {
    return o instanceof Range r && startLine == r.startLine && startColumn == r.startColumn
        && endLine == r.endLine && endColumn == r.endColumn && file.equals(r.file);
  }

  @Override
  public int hashCode() {
    return (((file.hashCode() * 31 + startLine) * 31 + startColumn) * 31 + endLine) * 31
        + endColumn;
  }
}
