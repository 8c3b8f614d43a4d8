package dev.berth.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** berth's own version, filtered into {@code berth/version.properties} by the build. */
public final class Version {
  private Version() {}

  public static String current() {
    try (InputStream in = Version.class.getResourceAsStream("/berth/version.properties")) {
      if (in == null) return "0.0.0-dev";
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "");
      return v.isBlank() || v.startsWith("${") ? "0.0.0-dev" : v.strip();
    } catch (IOException e) {
      return "0.0.0-dev";
    }
  }
}
