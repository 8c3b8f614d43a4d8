package dev.berth.rules.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.rules.Finding;
import dev.berth.rules.RuleTester;
import dev.berth.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityRulesTest {

  @Test
  void aGitIgnoredEnvOnTheDevelopersDiskIsSentToo() {
    // .env is git-ignored, so a clean clone lacks it, but docker build on this disk sends it
    List<Finding> fs = RuleTester.of(new SecretFileInImage())
        .file(".gitignore", ".env\n")
        .file(".env", "STRIPE_KEY=sk_live_x\n")
        .file("compose.yaml", "services:\n  app:\n    build: .\n")
        .file("Dockerfile", "FROM python:3.12-slim\nCOPY . /app\nUSER nobody\n")
        .findings();
    assertEquals(1, fs.size());
    assertEquals(Severity.WARNING, fs.get(0).severity());
    assertTrue(fs.get(0).message().contains("sends .env into the image"), fs.get(0).message());
  }

  @Test
  void worldWritableModes() {
    for (String m : List.of("777", "0777", "666", "o+w", "a+rwx", "u+x,o+w", "0002")) {
      assertTrue(WorldWritablePermissions.worldWritable(m), m);
    }
    for (String m : List.of("755", "1777", "775", "u+w", "g+w", "+x", "o-w", "a+rwt")) {
      assertTrue(!WorldWritablePermissions.worldWritable(m), m);
    }
  }

  @Test
  void secretNamesFollowBuildKitWithSettingsAboutSecretsAllowed() {
    for (String n : List.of("DB_PASSWORD", "SECRET_KEY", "API_KEY", "JWT_SECRET", "GITHUB_TOKEN",
        "MYSQL_ROOT_PASSWORD", "com.acme.token", "REDIS_PASS")) {
      assertTrue(SecretValues.secretName(n), n);
    }
    for (String n : List.of("DB_PASSWORD_FILE", "AUTH_URL", "PASSWORD_MIN_LENGTH", "KEY_ID",
        "TOKEN_TTL", "SECRET_KEY_BASE_PATH", "MONKEY", "PASSPORT_STRATEGY", "AUTHOR")) {
      assertTrue(!SecretValues.secretName(n), n);
    }
  }

  @Test
  void credentialsAreToldFromPlaceholders() {
    assertEquals(SecretValues.Kind.CREDENTIAL,
        SecretValues.read("AKIAJ2QXNA7B5R3TCL4Q").map(SecretValues.Reading::kind).orElseThrow());
    assertEquals(SecretValues.Kind.PLACEHOLDER,
        SecretValues.read("AKIAIOSFODNN7EXAMPLE").map(SecretValues.Reading::kind).orElseThrow());
    for (String c : List.of("q8Zr3LmX0vT6yN1bK4wP7cJ2", "Xk29fjQ8vLw3RzT6uYb1",
        "Kq7Vm2Xp9Wz4Rt8Ny3Ls6Hd1")) {
      assertEquals(SecretValues.Kind.CREDENTIAL,
          SecretValues.read(c).map(SecretValues.Reading::kind).orElseThrow(), c);
    }
    for (String p : List.of("postgres", "changeme", "example-password-for-local-dev", "secret",
        "SomeRandomStringWith32Characters", "ThisIsMyKeyForProduction")) {
      assertEquals(SecretValues.Kind.PLACEHOLDER,
          SecretValues.read(p).map(SecretValues.Reading::kind).orElseThrow(), p);
    }
    assertTrue(SecretValues.read("true").isEmpty());
  }
}
