package dev.berth.evidence;

import dev.berth.context.Paths;
import dev.berth.project.Project;
import dev.berth.project.SafeRead;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfiles a Gradle build copies into its output beside what it assembles, where the image is
 * then built: openremote's manager/build.gradle puts {@code include("*Dockerfile", ...)} from the
 * project directory into the distribution (build/install/manager, beside lib/ and web/), and its
 * deployment/build.gradle a Copy of {@code from "Dockerfile"} into build/ beside image/. The
 * context of such a Dockerfile is Gradle's output, which holds files the repository does not
 * (docs.gradle.org, "Working With Files": copy specs' {@code from} and {@code include}; the
 * Distribution plugin's {@code distributions { main { contents { ... } } } }).
 */
public final class GradleDockerCopies {
  private static final long MAX_BYTES = 512 * 1024;
  /** A string a copy spec's {@code from} or {@code include} takes: {@code from "Dockerfile"}. */
  private static final Pattern SPEC_STRING = Pattern.compile(
      "\\b(?:from|include)\\s*\\(?\\s*(?:[\"'][^\"'\\n]{0,200}[\"']\\s*,\\s*){0,8}"
      + "[\"']([^\"'\\n]{1,200})[\"']");

  private final Project project;
  private final Map<String, String> texts = new ConcurrentHashMap<>();

  private GradleDockerCopies(Project project) {
    this.project = project;
  }

  public static GradleDockerCopies of(Project project) {
    return project.fact(GradleDockerCopies.class, GradleDockerCopies::new);
  }

  /**
   * The build.gradle (or build.gradle.kts) beside the Dockerfile names it, by name or by a
   * pattern that matches it ({@code *Dockerfile}), in a {@code from} or {@code include}.
   */
  public boolean copiedBeforeBuild(String dockerfile) {
    String dir = Paths.parent(dockerfile);
    String name = Paths.name(dockerfile);
    for (String build : new String[] {"build.gradle", "build.gradle.kts"}) {
      String path = dir.isEmpty() ? build : dir + "/" + build;
      String text = texts.computeIfAbsent(path, this::read);
      if (text.isEmpty() || !text.contains("Dockerfile") && !text.contains(name)) continue;
      Matcher m = SPEC_STRING.matcher(text);
      while (m.find()) {
        // every string of the call: from("a") / include("*Dockerfile", "entrypoint.sh")
        for (String s : m.group().split("[\"']")) {
          String g = s.trim();
          if (g.isEmpty() || g.contains("(") || g.equals(",")) continue;
          if (g.equals(name) || dev.berth.context.GoGlob.isValid(g)
              && dev.berth.context.GoGlob.match(g, name)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private String read(String path) {
    if (!project.fileTree().isFile(path)) return "";
    return SafeRead.read(project.root(), project.fileTree(), path, MAX_BYTES)
        instanceof SafeRead.Text t ? t.file().text() : "";
  }
}
