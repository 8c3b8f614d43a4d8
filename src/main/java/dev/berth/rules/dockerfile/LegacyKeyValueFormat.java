package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.KeyValue;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * BuildKit's LegacyKeyValueFormat ({@code dispatchEnv}, {@code dispatchLabel}): {@code ENV key
 * value} or {@code LABEL key value}, the whitespace-separated form, where the whole rest of the
 * line is one value. Only ENV and LABEL have it ({@code ARG a b} declares two arguments). A fix is
 * offered when the value is one plain word, so {@code key=value} means the same.
 */
@RuleMeta(
    id = "BTH019",
    summary = "ENV or LABEL in the legacy 'key value' form instead of key=value",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"LegacyKeyValueFormat"})
public final class LegacyKeyValueFormat implements DockerfileRule {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:,@%+-]+");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (Instruction i : dockerfile.instructions()) {
      List<KeyValue> pairs;
      if (i instanceof Instruction.Env e && e.legacy()) {
        pairs = e.pairs();
      } else if (i instanceof Instruction.Label l && l.legacy()) {
        pairs = l.pairs();
      } else {
        continue;
      }
      if (pairs.isEmpty()) continue;
      KeyValue kv = pairs.get(0);
      RuleContext.Report r = ctx.report(kv.range(), message(i.name(), kv.key().text()));
      String value = kv.value().text();
      if (PLAIN.matcher(value).matches() && kv.key().range().startLine() == kv.value().range()
          .endLine()) {
        Range between = new Range(kv.range().file(), kv.key().range().endLine(),
            kv.key().range().endColumn(), kv.value().range().startLine(),
            kv.value().range().startColumn());
        r.fix("Write " + kv.key().text() + "=" + value, new TextEdit(between, "="));
      }
    }
  }

  public static String message(String instruction, String key) {
    return instruction + " " + key + " uses the legacy 'key value' form: write " + instruction
        + " " + key + "=value (in the legacy form the whole rest of the line is the value)";
  }
}
