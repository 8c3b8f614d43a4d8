package dev.berth.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class DjangoSettingsTest {

  private static List<String> dirs(String path, String text) {
    return DjangoSettings.parse(new SourceFile(path, text)).map(s -> s.dirs().stream()
        .map(d -> d.setting() + "=" + d.path()).toList()).orElse(List.of());
  }

  @Test
  void projectTemplateFormsResolveAgainstBaseDir() {
    String settings = """
        from pathlib import Path
        BASE_DIR = Path(__file__).resolve().parent.parent
        TEMPLATES = [{"BACKEND": "x", "DIRS": [BASE_DIR / "templates", BASE_DIR / 'ui' / "html"]}]
        STATICFILES_DIRS = [
            BASE_DIR / "static",
        ]
        """;
    assertEquals(List.of("STATICFILES_DIRS=web/static", "TEMPLATES DIRS=web/templates",
        "TEMPLATES DIRS=web/ui/html"), dirs("web/shop/settings.py", settings).stream().sorted()
        .toList());
  }

  @Test
  void osPathFormsAndSettingsPackages() {
    String settings = """
        import os
        BASE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        STATICFILES_DIRS = (os.path.join(BASE_DIR, "assets", "dist"),)
        """;
    assertEquals(List.of("STATICFILES_DIRS=assets/dist"),
        dirs("proj/settings/base.py", settings));
  }

  @Test
  void entriesKeepTheirPositions() {
    String settings = "BASE_DIR = Path(__file__).resolve().parent\nSTATICFILES_DIRS = [BASE_DIR / \"static\"]\n";
    DjangoSettings s = DjangoSettings.parse(new SourceFile("app/settings.py", settings)).orElseThrow();
    assertEquals(new Range("app/settings.py", 2, 21, 2, 40), s.dirs().get(0).range());
    assertEquals("app/static", s.dirs().get(0).path());
  }

  @Test
  void loggingHandlersNameTheirFiles() {
    String settings = """
        BASE_DIR = Path(__file__).resolve().parent.parent
        LOGGING = {
            "handlers": {
                "app": {"class": "logging.FileHandler", "filename": BASE_DIR / "logs" / "app.log"},
                "audit": {"class": "logging.FileHandler", "filename": "/var/log/shop/audit.log"},
                "debug": {"class": "logging.FileHandler", 'filename': 'debug.log'},
                "odd": {"class": "logging.FileHandler", "filename": LOG_ROOT + "/x.log"},
            },
        }
        """;
    DjangoSettings s = DjangoSettings.parse(new SourceFile("web/shop/settings.py", settings))
        .orElseThrow();
    assertEquals(3, s.logFiles().size(), "the LOG_ROOT form is unknown and left out");
    assertEquals(java.util.Optional.of("web/logs/app.log"), s.logFiles().get(0).repoPath());
    assertEquals(java.util.Optional.of("/var/log/shop/audit.log"), s.logFiles().get(1).absolute());
    assertEquals(java.util.Optional.of("debug.log"), s.logFiles().get(2).relative());
    assertEquals(new Range("web/shop/settings.py", 4, 61, 4, 90), s.logFiles().get(0).range());
  }

  @Test
  void unknownFormsYieldNothing() {
    assertTrue(dirs("s/settings.py", "BASE_DIR = env('BASE')\nSTATICFILES_DIRS = [BASE_DIR / 'x']\n").isEmpty());
    assertTrue(dirs("s/settings.py", "BASE_DIR = Path(__file__).resolve().parent\n"
        + "STATICFILES_DIRS = [STATIC_SRC]\n").isEmpty());
    // BASE_DIR above the project root cannot be judged
    assertTrue(dirs("settings.py", "BASE_DIR = Path(__file__).resolve().parent.parent\n"
        + "STATICFILES_DIRS = [BASE_DIR / 'static']\n").isEmpty());
  }

  @Test
  void anSqliteDatabaseIsItsNameOnlyWithTheLiteralSqliteEngine() {
    String settings = """
        BASE_DIR = Path(__file__).resolve().parent.parent
        DATABASES = {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": BASE_DIR / "db.sqlite3",
            }
        }
        """;
    assertEquals(java.util.Optional.of("web/db.sqlite3"), DjangoSettings.parse(
        new SourceFile("web/shop/settings.py", settings)).orElseThrow().sqliteDatabase()
        .flatMap(DjangoSettings.LogFile::repoPath));
    // The engine from the environment (django-on-docker's SQL_ENGINE): unknown.
    String fromEnv = settings.replace("\"django.db.backends.sqlite3\"",
        "os.environ.get(\"SQL_ENGINE\", \"django.db.backends.sqlite3\")");
    assertTrue(DjangoSettings.parse(new SourceFile("web/shop/settings.py", fromEnv))
        .flatMap(DjangoSettings::sqliteDatabase).isEmpty());
    // Two databases: which one a write goes to is not known here.
    String two = settings.replace("    }\n}", "    },\n    \"logs\": {\"ENGINE\": \"django.db.backends.postgresql\", \"NAME\": \"logs\"},\n}");
    assertTrue(DjangoSettings.parse(new SourceFile("web/shop/settings.py", two))
        .flatMap(DjangoSettings::sqliteDatabase).isEmpty());
  }
}
