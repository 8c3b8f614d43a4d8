package dev.berth.programs;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One entry of the program catalog ({@code berth/programs/programs.yaml}): what a program does
 * when a container starts it. See the catalog's header for the meaning of each field.
 *
 * @param names executable base names ({@code gunicorn}), or absolute paths ({@code /init})
 * @param subcommands the entry applies when the first operand is one of these ({@code -}: none)
 * @param withOptions the entry applies when one of these options is present
 * @param whenImage the entry applies when the container's base image is one of these
 * @param valueOptions options that take a value (so that value is not an operand)
 * @param dropsPrivilegesWith where a program that drops privileges only when told to is told
 * @param development why it is a development server (not for production), when it is one
 * @param commandLineTool why it is a command-line tool that does one task per run and exits
 *     (jq, nuclei), when it is one
 * @param moduleOption the option after which an interpreter runs a module, not a script file
 *     ({@code python -m}), when it has one
 * @param scanDir the scan directory a {@code runs: scandir} program always supervises (phusion
 *     my_init: runit's /etc/service), its operands then being a command it runs as well
 * @param codeOptions options whose value is code to run instead of a script file
 *     ({@code python -c}, {@code node -e}, {@code sh -c})
 * @param source where the facts were checked
 */
public record Program(
    List<String> names,
    List<String> subcommands,
    List<String> withOptions,
    List<String> whenImage,
    Set<String> valueOptions,
    List<Write> writes,
    List<Write> needsOwner,
    Optional<Listen> listens,
    Optional<String> dropsPrivileges,
    Optional<UserSetting> dropsPrivilegesWith,
    Optional<String> needsRoot,
    Optional<String> development,
    Optional<String> commandLineTool,
    Optional<Runs> runs,
    Optional<String> scanDir,
    Set<Loads> loads,
    Optional<String> moduleOption,
    List<String> codeOptions,
    String source) {

  public Program {
    names = List.copyOf(names);
    subcommands = List.copyOf(subcommands);
    withOptions = List.copyOf(withOptions);
    whenImage = List.copyOf(whenImage);
    valueOptions = Set.copyOf(valueOptions);
    writes = List.copyOf(writes);
    needsOwner = List.copyOf(needsOwner);
    loads = Set.copyOf(loads);
    codeOptions = List.copyOf(codeOptions);
  }

  /** How a program starts other programs. */
  public enum Runs {
    /** its operands (after its subcommand) are a command line: tini, uv run, bundle exec */
    ARGUMENTS,
    /** its first operand is a user and the rest a command line run as that user: gosu */
    USER_THEN_ARGUMENTS,
    /** a package.json script: npm run X, yarn X */
    SCRIPT,
    /** {@code -c SCRIPT}: sh, bash */
    SHELL,
    /** a script file operand or {@code -m module}: python, node */
    INTERPRETER,
    /** the [program:x] sections of its configuration: supervisord */
    SUPERVISOR,
    /** the {@code run} file of each service directory of its scan directory: s6-svscan, my_init */
    SCANDIR
  }

  /**
   * Where a program that switches to another user only when told to (uWSGI) is told: an option
   * whose value is the user, or a key of the ini file an option names.
   *
   * @param options options naming the user ({@code --uid})
   * @param ini options naming an ini file ({@code --ini FILE} or {@code --ini FILE:SECTION})
   * @param section the section read when the option names none
   * @param keys keys of that section naming the user
   * @param operand the first operand names the user when no option does ({@code su [-] USER})
   * @param login arguments that start a login shell, which changes to the user's home directory
   *     ({@code su -}, {@code su -l})
   */
  public record UserSetting(List<String> options, List<String> ini, String section,
      List<String> keys, boolean operand, List<String> login) {
    public UserSetting {
      options = List.copyOf(options);
      ini = List.copyOf(ini);
      keys = List.copyOf(keys);
      login = List.copyOf(login);
    }
  }

  /** Application code a program imports as it starts. */
  public enum Loads { DJANGO_SETTINGS, PYTHON_APP }

  /**
   * A path the program writes at start (see the catalog header).
   *
   * @param path relative to the working directory, {@code ~/...}, or absolute; may hold
   *     {@code ${VAR:-default}}
   * @param afterDrop written after the program switches to the user its
   *     {@code drops-privileges-with} names (uWSGI {@code --pidfile2}), so as that user
   * @param addressMark a string that makes an option value a network address, not a file
   *     (uWSGI logs to a UDP server when the value has a {@code :}); empty for none
   * @param setBy the directive of the program's own configuration that moves the path
   *     ({@code pid}, {@code client_body_temp_path} for nginx): {@code path} is its default,
   *     and where the configuration cannot be read, where it writes is unknown
   */
  public record Write(String path, String what, List<String> options, boolean onlyWithOption,
      List<String> unless, List<String> unlessEnv, List<String> stdio, boolean file,
      boolean createsParents, boolean afterDrop, String addressMark, Optional<String> setBy) {
    public Write {
      options = List.copyOf(options);
      unless = List.copyOf(unless);
      unlessEnv = List.copyOf(unlessEnv);
      stdio = List.copyOf(stdio);
    }
  }

  /**
   * The default listen address and port, and what changes them (see the catalog header).
   *
   * @param none the program listens on nothing (a worker, a one-off command)
   * @param unknownOptions options after which berth does not know where it listens
   * @param operand a {@code [addr:]port} operand follows the subcommand (runserver)
   * @param config options naming a configuration file that may set the listen address
   * @param configDefault the configuration file read when none is named, relative to the
   *     working directory
   * @param configKey the key of that file holding the bind ({@code bind = "0.0.0.0:8000"})
   * @param configFiles files in the working directory that may change the defaults
   * @param envBindsAll variables that, when set, make the default {@code 0.0.0.0:$VAR}
   * @param configOperand a first argument that is no option is a configuration file berth does
   *     not read
   * @param alsoElsewhere it may listen on more ports than berth lists (plugins)
   * @param unknownEnv variables that, when set at all, make where it listens unknown (nginx's
   *     template directory)
   * @param setting an option that sets one configuration parameter ({@code -c name=value}, also
   *     written {@code --name=value}), and the parameters holding the port and the address
   * @param configReader the reader of the program's own configuration that places its
   *     listeners instead of {@code configFiles} ({@code php-fpm}, {@code apache})
   */
  public record Listen(OptionalInt port, Optional<String> address, List<String> portOptions,
      List<String> addressOptions, List<String> env, boolean none, List<String> unknownOptions,
      boolean operand, List<String> config, Optional<String> configDefault,
      Optional<String> configKey, List<String> configFiles, List<String> envBindsAll,
      boolean configOperand, boolean alsoElsewhere, List<String> unknownEnv,
      Optional<Setting> setting, Optional<String> configReader) {
    public Listen {
      unknownEnv = List.copyOf(unknownEnv);
      portOptions = List.copyOf(portOptions);
      addressOptions = List.copyOf(addressOptions);
      env = List.copyOf(env);
      unknownOptions = List.copyOf(unknownOptions);
      config = List.copyOf(config);
      configFiles = List.copyOf(configFiles);
      envBindsAll = List.copyOf(envBindsAll);
    }
  }

  /**
   * {@code postgres -c port=5433}: the option, the names of the port and address keys, and keys
   * after which where it listens is unknown ({@code config_file}).
   */
  public record Setting(String option, String port, String address, List<String> unknown) {
    public Setting {
      unknown = List.copyOf(unknown);
    }
  }
}
