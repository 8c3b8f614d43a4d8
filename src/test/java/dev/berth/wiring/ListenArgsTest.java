package dev.berth.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.programs.ProgramCatalog;
import dev.berth.runtime.Environment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Listener extraction per server x flag x env x config file, from the program catalog. */
class ListenArgsTest {

  /** Files: {@code gunicorn.conf.py} holds {@code config}, when given; vite.config.ts if "vite". */
  private static ListenArgs.Files files(String config) {
    return new ListenArgs.Files() {
      @Override
      public boolean mayExist(String path) {
        return config != null && (path.equals("gunicorn.conf.py") || path.equals("/etc/g.py")
            || config.equals("vite") && path.equals("vite.config.ts"));
      }

      @Override
      public Optional<String> read(String path) {
        return mayExist(path) && !config.equals("unreadable")
            ? Optional.of(config.replace("~", "\n")) : Optional.empty();
      }
    };
  }

  private static String binds(String command, String env, String config) {
    List<String> argv = List.of(command.split(" "));
    Map<String, String> known = new java.util.HashMap<>();
    Set<String> unknown = new java.util.HashSet<>();
    if (!env.isEmpty()) {
      for (String kv : env.split(";")) {
        int eq = kv.indexOf('=');
        if (eq < 0) unknown.add(kv);
        else known.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return ProgramCatalog.standard().match(argv, Optional.empty())
        .flatMap(inv -> ListenArgs.of(inv, new Environment(known, unknown, Set.of()),
            files(config), w -> w.startsWith("$")))
        .map(bs -> String.join(" ", bs.stream().map(Object::toString).toList()))
        .orElse("unknown");
  }

  @ParameterizedTest(name = "{0} [{1}] -> {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      // gunicorn: default, -b forms, PORT, GUNICORN_CMD_ARGS, gunicorn.conf.py
      "gunicorn app:app||| 127.0.0.1:8000",
      "gunicorn -b 0.0.0.0:5000 app:app||| 0.0.0.0:5000",
      "gunicorn --bind=:8080 app:app||| 0.0.0.0:8080",
      "gunicorn -b [::]:8000 -b unix:/run/g.sock app:app||| [::]:8000 unix:/run/g.sock",
      "gunicorn app:app|PORT=9000|| 0.0.0.0:9000",
      "gunicorn -b 127.0.0.1:7000 app:app|PORT=9000|| 127.0.0.1:7000",
      "gunicorn app:app|PORT|| unknown",
      "gunicorn app:app|GUNICORN_CMD_ARGS=--bind=0.0.0.0:8001 --workers 3|| 0.0.0.0:8001",
      "gunicorn -b 0.0.0.0:80 app:app|GUNICORN_CMD_ARGS=--bind=0.0.0.0:8001|| 0.0.0.0:80",
      "gunicorn app:app||bind = \"0.0.0.0:8002\"| 0.0.0.0:8002",
      "gunicorn app:app||workers = 4| 127.0.0.1:8000",
      "gunicorn app:app||import os~bind = os.environ['BIND']| unknown",
      "gunicorn app:app||bind = '0.0.0.0:1'~bind = '0.0.0.0:2'| unknown",
      "gunicorn app:app||if x:~  bind = '0.0.0.0:1'| unknown",
      "gunicorn app:app||unreadable| unknown",
      "gunicorn -c /etc/g.py app:app||bind = ['0.0.0.0:8003']| 0.0.0.0:8003",
      "gunicorn -b $BIND app:app||| unknown",
      // -b HOST:PORT replaces the config file's bind: an unreadable or computed one is moot
      "gunicorn app:app -b 0.0.0.0:80 --log-file -||unreadable| 0.0.0.0:80",
      "gunicorn -b 0.0.0.0:80 app:app||import os~bind = os.environ['BIND']| 0.0.0.0:80",
      "gunicorn -w 4 app:app||unreadable| unknown",
      // uvicorn
      "uvicorn main:app||| 127.0.0.1:8000",
      "uvicorn main:app --host 0.0.0.0 --port 8015||| 0.0.0.0:8015",
      "uvicorn main:app --port=8001||| 127.0.0.1:8001",
      "uvicorn main:app|UVICORN_PORT=7000|| 127.0.0.1:7000",
      "uvicorn main:app --uds /tmp/u.sock||| unknown",
      // hypercorn, daphne
      "hypercorn -b 0.0.0.0:8000 app:app||| 0.0.0.0:8000",
      "hypercorn app:app||| 127.0.0.1:8000",
      "daphne -b 0.0.0.0 -p 8001 proj.asgi:application||| 0.0.0.0:8001",
      "daphne -u /run/d.sock proj.asgi:application||| unknown",
      // flask, runserver
      "flask run||| 127.0.0.1:5000",
      "flask run --host=0.0.0.0 -p 5001||| 0.0.0.0:5001",
      "flask run|FLASK_RUN_HOST=0.0.0.0|| 0.0.0.0:5000",
      "manage.py runserver||| 127.0.0.1:8000",
      "manage.py runserver 0.0.0.0:8000||| 0.0.0.0:8000",
      "manage.py runserver 0:9000||| 0.0.0.0:9000",
      "manage.py runserver 8080||| 127.0.0.1:8080",
      "manage.py runserver [::]:8000||| [::]:8000",
      "manage.py runserver --settings app.settings 0.0.0.0:8000||| 0.0.0.0:8000",
      "manage.py migrate|||",
      // next, vite
      "next start||| 0.0.0.0:3000",
      "next start -p 4000 -H 127.0.0.1||| 127.0.0.1:4000",
      "next dev|PORT=3001|| 0.0.0.0:3001",
      "vite||| localhost:5173",
      "vite --host||| 0.0.0.0:5173",
      "vite --host 0.0.0.0 --port 3000||| 0.0.0.0:3000",
      "vite||vite| unknown",
      "vite --port 3000 --host||vite| 0.0.0.0:3000",
      "vite --port 3000||vite| ?:3000",
      // databases and others
      "postgres||| 0.0.0.0:5432",
      "postgres -p 5433||| 0.0.0.0:5433",
      "redis-server||| ?:6379",
      "redis-server --port 6380||| ?:6380",
      "redis-server /etc/redis.conf||| unknown",
      "mysqld||| ?:3306",
      "celery -A app worker|||",
      "rabbitmq-server||| ?:5672",
      "rabbitmq-server|RABBITMQ_NODE_PORT=5673|| ?:5673",
      "python app.py||| unknown",
      "myserver --port 80||| unknown",
  })
  void binds(String command, String env, String config, String expected) {
    assertEquals(expected == null ? "" : expected, binds(command, env == null ? "" : env, config));
  }
}
