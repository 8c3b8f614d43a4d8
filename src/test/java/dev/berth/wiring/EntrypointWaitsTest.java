package dev.berth.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.source.SourceFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which commands of an entrypoint script run on every start before it hands over to "$@", in
 * the shapes real entrypoints take (loops around a probe, guards on a variable or on $1, waits
 * that exec the command themselves). "-" = not judged (no hand-over, or the script does not
 * parse whole).
 */
class EntrypointWaitsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", value = {
      "until pg_isready -h db; do sleep 1; done~exec \"$@\" => WAIT",
      "while ! nc -z db 5432; do~  sleep 1~done~exec \"$@\" => WAIT",
      "python manage.py migrate --noinput~exec \"$@\" => MIGRATION",
      "alembic upgrade head && exec \"$@\" => MIGRATION",
      "npx prisma migrate deploy~exec \"$@\" => MIGRATION",
      "python manage.py check --deploy --fail-level=WARNING~exec \"$@\" => CHECK",
      "exec wait-for-it db:5432 -- \"$@\" => WAIT",
      "dockerize -wait tcp://db:5432 -timeout 30s~exec \"$@\" => WAIT",
      "python manage.py check --deploy~exec \"$@\" => ''",
      "python manage.py check --deploy --fail-level ERROR~exec \"$@\" => ''",
      "if [ \"$WAIT\" = 1 ]; then until pg_isready -h db; do sleep 1; done; fi~exec \"$@\" => ''",
      "if [ \"$1\" = gunicorn ]; then python manage.py migrate; fi~exec \"$@\" => ''",
      "[ -n \"$MIGRATE\" ] && python manage.py migrate~exec \"$@\" => MIGRATION",
      "test -z \"$SKIP\" || python manage.py migrate~exec \"$@\" => ''",
      "if pg_isready -h db; then echo up; fi~exec \"$@\" => ''",
      "python manage.py migrate &~exec \"$@\" => ''",
      "exec \"$@\"~python manage.py migrate => ''",
      "python manage.py migrate~exec gunicorn app.wsgi => -",
      "case \"$1\" in web) python manage.py migrate;; esac~exec \"$@\" => -",
      "until pg_isready; do sleep 1; done~exec \"$@\" => ''",
      "until pg_isready -h localhost; do sleep 1; done~exec \"$@\" => ''",
      "until pg_isready -d \"$DATABASE_URL\"; do sleep 1; done~exec \"$@\" => WAIT",
      "until psql $DATABASE_URL -c '\\q'; do sleep 1; done~exec \"$@\" => WAIT",
      "until redis-cli ping; do sleep 1; done~exec \"$@\" => ''",
      "mysqld &~until mysqladmin ping -h db; do sleep 1; done~exec \"$@\" => ''",
      "wait-for-it 127.0.0.1:5432~exec \"$@\" => ''",
  })
  void waitsBeforeHandOver(String script, String expected) {
    Optional<List<EntrypointWaits.Wait>> waits =
        EntrypointWaits.waits(new SourceFile("docker-entrypoint.sh", script.replace("~", "\n")));
    String got = waits.map(w -> String.join(",", w.stream().map(x -> x.kind().name()).toList()))
        .orElse("-");
    assertEquals(expected, got);
  }
}
