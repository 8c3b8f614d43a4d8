package dev.berth.compose;

import dev.berth.source.Diagnostic;
import java.util.List;

/**
 * Lines of the env files Compose reads (a project's {@code .env}, a service's {@code env_file})
 * that its dotenv parser refuses ({@code ./friendica.conf}: compose-go's "unexpected character
 * \"/\" in variable name"), each once: berth understands them, so they are findings (BTH309),
 * not input it could not read.
 */
public record EnvFileErrors(List<Diagnostic> errors) {
  public EnvFileErrors {
    errors = List.copyOf(errors);
  }
}
