package dev.berth.compose.yaml;

import dev.berth.source.Range;
import java.util.regex.Pattern;

/**
 * A scalar. {@code value} is the text after interpolation, {@code raw} the text as written.
 *
 * @param plain true when the scalar was unquoted and untagged, so its type comes from its content
 *     (YAML 1.2 core schema: null, bool, int, float, else string)
 */
public record YamlScalar(String value, String raw, boolean plain, Range range, String tag)
    implements YamlNode {

  public enum Kind { NULL, BOOL, INT, FLOAT, STRING }

  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  private static final Pattern FLOAT = Pattern.compile(
      "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

  public static YamlScalar of(String value, Range range) {
    return new YamlScalar(value, value, false, range, "");
  }

  public Kind kind() {
    if (!plain) return Kind.STRING;
    if (value.isEmpty()) return Kind.NULL;
    if ("0123456789+-.~nNtTfF".indexOf(value.charAt(0)) < 0) return Kind.STRING;
    if (NULL.matcher(value).matches()) return Kind.NULL;
    if (BOOL.matcher(value).matches()) return Kind.BOOL;
    if (INT.matcher(value).matches()) return Kind.INT;
    if (FLOAT.matcher(value).matches()) return Kind.FLOAT;
    return Kind.STRING;
  }

  public boolean isNull() {
    return kind() == Kind.NULL;
  }

  public YamlScalar withValue(String v) {
    return new YamlScalar(v, raw, plain, range, tag);
  }
}
