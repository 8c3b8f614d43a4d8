package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlReader;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * compose-go's own merge tables, rewritten by hand as inputs and expected merged models:
 * override/merge_*_test.go and override/uncity_test.go (Merge then EnforceUnicity), and the
 * loader's override tests (loader/override_test.go), at compose-spec/compose-go e70e961. The
 * base is compose.yaml and the override compose.override.yaml, loaded by berth as docker
 * compose loads them. Mappings compare without order (they are Go maps there), lists in order;
 * null is {@code ~}. Relative paths are rebased onto the project root ("./").
 */
class ComposeGoMergeTableTest {

  static String render(YamlNode n) {
    if (n instanceof YamlScalar s) return s.isNull() ? "~" : s.value();
    if (n instanceof YamlSeq q) {
      List<String> items = new ArrayList<>();
      for (YamlNode i : q.items()) items.add(render(i));
      return "[" + String.join(", ", items) + "]";
    }
    List<String> entries = new ArrayList<>();
    for (YamlMap.Entry e : ((YamlMap) n).entries()) entries.add(e.name() + ": " + render(e.value()));
    entries.sort(null);
    return "{" + String.join(", ", entries) + "}";
  }

  private static String expected(String yaml) {
    return render(YamlReader.read(new SourceFile("expected.yaml", yaml)).documents().get(0));
  }

  private static String merged(String base, String override) {
    ComposeProject p = new ComposeFixture()
        .file("foo.env", "")
        .file("bar.env", "")
        .file("compose.yaml", base)
        .file("compose.override.yaml", override)
        .project();
    return render(p.model());
  }

  private static String alone(String file) {
    return render(new ComposeFixture().file("compose.yaml", file).project().model());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("twoFiles")
  void mergesLikeComposeGo(String name, String base, String override, String want) {
    assertEquals(expected(want), merged(base, override), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneFile")
  void oneFileKeepsOneEntryPerKey(String name, String file, String want) {
    assertEquals(expected(want), alone(file), name);
  }

  static Stream<Arguments> oneFile() {
    return Stream.of(
        Arguments.of("Test_EnvironmentUnicity", """
            services:
              test:
                image: foo
                environment: [FOO=BAR, BAR=QIX, QIX=, ZOT, FOO=ZOT, QIX, ZOT=]
            """, """
            services:
              test:
                image: foo
                environment: [FOO=ZOT, BAR=QIX, QIX, ZOT=]
            """),
        Arguments.of("Test_VolumeUnicity", """
            services:
              test:
                image: foo
                volumes: [".:/foo", "foo:/bar", "src:/foo"]
            """, """
            services:
              test:
                image: foo
                volumes: ["src:/foo", "foo:/bar"]
            """),
        Arguments.of("Test_PortsShortUnicity", """
            services:
              test:
                image: foo
                ports: ["9080:80", "9081:81", "9080:80", "5000", "6060:6060/udp", "9080:6060/udp"]
            """, """
            services:
              test:
                image: foo
                ports: ["9080:80", "9081:81", "5000", "6060:6060/udp", "9080:6060/udp"]
            """),
        Arguments.of("Test_PortsLongtUnicity", """
            services:
              test:
                image: foo
                ports:
                  - {target: 80, host_ip: 127.0.0.1, published: "8080", protocol: tcp, mode: host}
                  - {target: 81, published: "8080", protocol: tcp}
                  - {target: 80, host_ip: 127.0.0.2, published: "8080", protocol: tcp}
                  - {target: 81, published: "8080", protocol: tcp}
            """, """
            services:
              test:
                image: foo
                ports:
                  - {target: 80, host_ip: 127.0.0.1, published: "8080", protocol: tcp, mode: host}
                  - {target: 81, published: "8080", protocol: tcp}
                  - {target: 80, host_ip: 127.0.0.2, published: "8080", protocol: tcp}
            """),
        Arguments.of("a short port and its long form are one entry", """
            services:
              test:
                image: foo
                ports: ["8080:80", {target: 80, published: "8080"}, "80/udp", "80"]
            """, """
            services:
              test:
                image: foo
                ports: [{target: 80, published: "8080"}, "80/udp", "80"]
            """),
        Arguments.of("a volume target with a trailing slash is the same target", """
            services:
              test:
                image: foo
                volumes: ["cache:/data/", "logs:/data"]
            """, """
            services:
              test:
                image: foo
                volumes: ["logs:/data"]
            """));
  }

  /**
   * The Sequence and Mapping cases compose-go repeats for environment, labels and annotations
   * (merge_environment_test.go, merge_labels_test.go, merge_annotations_test.go).
   */
  static Stream<Arguments> keyValueLists() {
    return Stream.of("environment", "labels", "annotations").flatMap(f -> Stream.of(
        Arguments.of(f + " sequence", "services:\n  test: {image: foo, " + f + ": [FOO=BAR]}\n",
            "services:\n  test: {" + f + ": [QIX=ZOT, EMPTY=, NIL]}\n",
            "services:\n  test: {image: foo, " + f + ": [FOO=BAR, QIX=ZOT, EMPTY=, NIL]}\n"),
        Arguments.of(f + " mapping", "services:\n  test: {image: foo, " + f + ": {FOO: BAR}}\n",
            "services:\n  test: {" + f + ": {EMPTY: \"\", NIL: null, QIX: ZOT}}\n",
            "services:\n  test: {image: foo, " + f + ": [FOO=BAR, EMPTY=, NIL, QIX=ZOT]}\n")));
  }

  static Stream<Arguments> twoFiles() {
    return Stream.concat(keyValueLists(), cases());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // loader/override_test.go and the issue that started this
        Arguments.of("depends_on lists (issue 17)", """
            services:
              a: {image: nginx, depends_on: [b]}
              b: {image: redis}
            """, """
            services:
              a: {depends_on: [c]}
              c: {image: redis}
            """, """
            services:
              a:
                image: nginx
                depends_on:
                  b: {condition: service_started, required: true}
                  c: {condition: service_started, required: true}
              b: {image: redis}
              c: {image: redis}
            """),
        Arguments.of("TestOverrideDepends_on", """
            services:
              test: {image: test, depends_on: [foo]}
              foo: {image: foo}
            """, """
            services:
              test:
                depends_on:
                  foo: {condition: service_healthy, required: false}
            """, """
            services:
              test:
                image: test
                depends_on:
                  foo: {condition: service_healthy, required: false}
              foo: {image: foo}
            """),
        Arguments.of("TestOverridePartial", """
            services:
              test:
                image: test
                depends_on:
                  foo: {condition: service_healthy}
              foo: {image: foo}
            """, """
            services:
              test:
                depends_on:
                  foo: {required: false}
            """, """
            services:
              test:
                image: test
                depends_on:
                  foo: {condition: service_healthy, required: false}
              foo: {image: foo}
            """),
        Arguments.of("TestOverrideNetworks", """
            services:
              test: {image: test, networks: [test_network]}
            networks:
              test_network: {}
            """, """
            services:
              test:
                image: test
                networks:
                  test_network: {aliases: [alias1, alias2]}
            """, """
            services:
              test:
                image: test
                networks:
                  test_network: {aliases: [alias1, alias2]}
            networks:
              test_network: {}
            """),
        Arguments.of("TestOverrideBuildContext", """
            services:
              test: {build: .}
            """, """
            services:
              test:
                build: {context: src}
            """, """
            services:
              test:
                build: {context: ./src}
            """),
        Arguments.of("TestOverrideVolume", """
            services:
              test: {image: test, volumes: ["./src:/src"]}
            """, """
            services:
              test: {volumes: ["./src:/src"]}
            """, """
            services:
              test: {image: test, volumes: ["./src:/src"]}
            """),
        Arguments.of("Test_mergeOverrides", """
            services:
              test: {image: foo, scale: 1}
            """, """
            services:
              test: {image: bar, scale: 2}
            """, """
            services:
              test: {image: bar, scale: 2}
            """),
        Arguments.of("a null override keeps the base (MergeYaml)", """
            services:
              test: {image: foo, user: app}
            """, """
            services:
              test: {image: ~, user: root}
            """, """
            services:
              test: {image: foo, user: root}
            """),
        // override/merge_labels_test.go and merge_annotations_test.go (deploy/build labels alike)
        Arguments.of("Test_mergeYamlLabelsMixed", """
            services:
              test: {image: foo, labels: {FOO: BAR}}
            """, """
            services:
              test: {labels: [QIX=ZOT]}
            """, """
            services:
              test: {image: foo, labels: [FOO=BAR, QIX=ZOT]}
            """),
        Arguments.of("Test_mergeYamlDeployLabelsNumber", """
            services:
              test: {image: foo, deploy: {labels: {FOO: 1}}}
            """, """
            services:
              test: {deploy: {labels: {FOO: 3}}}
            """, """
            services:
              test: {image: foo, deploy: {labels: [FOO=3]}}
            """),
        Arguments.of("Test_mergeYamlBuildLabelsMapping", """
            services:
              test: {image: foo, build: {labels: {FOO: BAR}}}
            """, """
            services:
              test: {build: {labels: {EMPTY: "", NIL: null, QIX: ZOT}}}
            """, """
            services:
              test: {image: foo, build: {labels: [FOO=BAR, EMPTY=, NIL, QIX=ZOT]}}
            """),
        // override/merge_build_test.go, with the real key platforms (compose-go's unicity names
        // build.platform, which the specification does not have, so platforms is only appended)
        Arguments.of("Test_mergeYamlBuildSequence", """
            services:
              test:
                build:
                  context: .
                  args: [FOO=BAR]
                  additional_contexts: [resources=/path/to/resources, app=docker-image://my-app:latest]
                  platforms: [linux/amd64]
                  tags: ["myimage:mytag"]
                  extra_hosts: ["somehost=162.242.195.82", "otherhost=50.31.209.229"]
            """, """
            services:
              test:
                build:
                  context: .
                  args: [GIT_COMMIT=cdc3b19, EMPTY=, NIL]
                  additional_contexts: [source=https://github.com/myuser/project.git]
                  platforms: [linux/arm64, linux/amd64]
                  tags: ["myimage:mytag", "registry/username/myrepos:my-other-tag"]
                  extra_hosts: ["otherhost=50.31.209.230", "myhostv6=::1"]
            """, """
            services:
              test:
                build:
                  context: .
                  args: [FOO=BAR, GIT_COMMIT=cdc3b19, EMPTY=, NIL]
                  additional_contexts: [resources=/path/to/resources,
                    app=docker-image://my-app:latest, source=https://github.com/myuser/project.git]
                  platforms: [linux/amd64, linux/arm64, linux/amd64]
                  tags: ["myimage:mytag", "registry/username/myrepos:my-other-tag"]
                  extra_hosts: ["somehost=162.242.195.82", "otherhost=50.31.209.229",
                    "otherhost=50.31.209.230", "myhostv6=::1"]
            """),
        Arguments.of("Test_mergeYamlArgsMapping", """
            services:
              test:
                build:
                  context: .
                  args: {FOO: BAR}
                  additional_contexts: {source: https://github.com/myuser/project.git}
            """, """
            services:
              test:
                build:
                  context: .
                  args: {EMPTY: "", NIL: null, QIX: ZOT}
                  additional_contexts: {app: docker-image://my-app:latest,
                    resources: /path/to/resources}
            """, """
            services:
              test:
                build:
                  context: .
                  args: [FOO=BAR, EMPTY=, NIL, QIX=ZOT]
                  additional_contexts: [source=https://github.com/myuser/project.git,
                    app=docker-image://my-app:latest, resources=/path/to/resources]
            """),
        Arguments.of("Test_mergeYamlArgsMixed", """
            services:
              test:
                build:
                  context: .
                  args: {FOO: BAR}
                  additional_contexts: [resources=/path/to/resources, app=docker-image://my-app:latest]
                  platforms: [linux/amd64]
                  tags: ["myimage:mytag"]
            """, """
            services:
              test:
                build:
                  args: [QIX=ZOT]
                  additional_contexts: {app: docker-image://new-app:latest,
                    source: https://github.com/myuser/project.git}
                  tags: ["registry/username/myrepos:my-other-tag"]
            """, """
            services:
              test:
                build:
                  context: .
                  args: [FOO=BAR, QIX=ZOT]
                  additional_contexts: [resources=/path/to/resources,
                    app=docker-image://new-app:latest, source=https://github.com/myuser/project.git]
                  platforms: [linux/amd64]
                  tags: ["myimage:mytag", "registry/username/myrepos:my-other-tag"]
            """),
        Arguments.of("Test_mergeYamlArgsNumber", """
            services:
              test: {build: {context: ., args: {FOO: 1}}}
            """, """
            services:
              test: {build: {context: ., args: {FOO: 3}}}
            """, """
            services:
              test: {build: {context: ., args: [FOO=3]}}
            """),
        Arguments.of("build string then string", """
            services:
              test: {build: ./a}
            """, """
            services:
              test: {build: ./b}
            """, """
            services:
              test: {build: {context: ./b}}
            """),
        // override/merge_cap_test.go, merge_profiles_test.go, merge_links_test.go
        Arguments.of("TestMergeCAPSequence", """
            services:
              test: {image: foo, cap_add: [CAP_BPF, CAP_CHOWN], cap_drop: [NET_ADMIN, SYS_ADMIN]}
            """, """
            services:
              test: {cap_add: [CAP_KILL, CAP_CHOWN], cap_drop: [NET_ADMIN, CAP_FOWNER]}
            """, """
            services:
              test:
                image: foo
                cap_add: [CAP_BPF, CAP_CHOWN, CAP_KILL]
                cap_drop: [NET_ADMIN, SYS_ADMIN, CAP_FOWNER]
            """),
        Arguments.of("TestMergeProfilesUnicity", """
            services:
              test: {image: foo, profiles: [profile1, profile2]}
            """, """
            services:
              test: {profiles: [profile2, profile3]}
            """, """
            services:
              test: {image: foo, profiles: [profile1, profile2, profile3]}
            """),
        Arguments.of("TestMergeExtraLinksSequence", """
            services:
              test: {image: foo, links: [service1, service2]}
            """, """
            services:
              test: {links: [service2=alias1]}
            """, """
            services:
              test: {image: foo, links: [service1, service2=alias1]}
            """),
        Arguments.of("security_opt has no unicity (appended as is)", """
            services:
              test: {image: foo, security_opt: [no-new-privileges:true]}
            """, """
            services:
              test: {security_opt: [no-new-privileges:true]}
            """, """
            services:
              test: {image: foo, security_opt: [no-new-privileges:true, no-new-privileges:true]}
            """),
        // override/merge_devices_test.go
        Arguments.of("Test_mergeYamlDevicesOverride", """
            services:
              test:
                image: foo
                devices: ['/dev/sda:/dev/sda', '/dev/sdb:/dev/sdb', '/dev/sdc:/dev/sdc',
                  '/dev/sdd:/dev/sdd']
            """, """
            services:
              test:
                devices: ['/dev/nvme0n1p1:/dev/sda', '/dev/nvme1n1p1:/dev/sdb',
                  '/dev/nvme2n1p1:/dev/sdc']
            """, """
            services:
              test:
                image: foo
                devices: ['/dev/nvme0n1p1:/dev/sda', '/dev/nvme1n1p1:/dev/sdb',
                  '/dev/nvme2n1p1:/dev/sdc', '/dev/sdd:/dev/sdd']
            """),
        // override/merge_dns_test.go
        Arguments.of("Test_mergeYamlDNSMixed", """
            services:
              test:
                image: foo
                dns: [8.8.8.8, 10.10.10.10, 9.9.9.9]
                dns_opt: [use-vc, no-tld-query]
                dns_search: [dc1.example.com, dc2.example.com]
            """, """
            services:
              test: {dns: 9.9.9.9, dns_opt: [no-tld-query], dns_search: dc2.example.com}
            """, """
            services:
              test:
                image: foo
                dns: [8.8.8.8, 10.10.10.10, 9.9.9.9]
                dns_opt: [use-vc, no-tld-query]
                dns_search: [dc1.example.com, dc2.example.com]
            """),
        // override/merge_env_file_test.go
        Arguments.of("TestMergeEnvFilesString", """
            services:
              test: {image: foo, env_file: foo.env}
            """, """
            services:
              test: {env_file: bar.env}
            """, """
            services:
              test: {image: foo, env_file: [./foo.env, ./bar.env]}
            """),
        Arguments.of("TestMergeEnvFilesMixed SequenceThenString", """
            services:
              test: {env_file: foo.env}
            """, """
            services:
              test: {env_file: [bar.env, foo.env]}
            """, """
            services:
              test: {env_file: [./foo.env, ./bar.env]}
            """),
        Arguments.of("TestMergeEnvFilesMixed unicity between string and mapping", """
            services:
              test: {env_file: [bar.env, foo.env]}
            """, """
            services:
              test: {env_file: [{path: foo.env, required: true}]}
            """, """
            services:
              test: {env_file: [./bar.env, {path: ./foo.env, required: true}]}
            """),
        // override/merge_environment_test.go
        Arguments.of("Test_mergeYamlEnvironmentNumber (and Go's %v of YAML values)", """
            services:
              test: {environment: {FOO: 1, HEX: 0x1F, F: 1.50, ON: true}}
            """, """
            services:
              test: {environment: {FOO: 3}}
            """, """
            services:
              test: {environment: [F=1.5, FOO=3, HEX=31, ON=true]}
            """),
        Arguments.of("Test_LoadWithReset (environment)", """
            services:
              foo: {build: {context: ., dockerfile: foo.Dockerfile}, environment: {FOO: BAR}}
            """, """
            services:
              foo:
                image: foo
                build: !reset
                environment:
                  FOO: !reset
            """, """
            services:
              foo: {image: foo, environment: []}
            """),
        // override/merge_extra_hosts_test.go
        Arguments.of("TestMergeExtraHostsSequence", """
            services:
              test: {image: foo, extra_hosts: [example.com=1.2.3.4]}
            """, """
            services:
              test: {extra_hosts: [localhost=127.0.0.1, example.com=1.2.3.4, example.com=4.3.2.1]}
            """, """
            services:
              test:
                image: foo
                extra_hosts: [example.com=1.2.3.4, localhost=127.0.0.1, example.com=4.3.2.1]
            """),
        Arguments.of("TestMergeExtraHostsMapping", """
            services:
              test: {image: foo, extra_hosts: {"example.com": "1.2.3.4"}}
            """, """
            services:
              test: {extra_hosts: {"localhost": "127.0.0.1", "example.com": ["1.2.3.4", "4.3.2.1"]}}
            """, """
            services:
              test:
                image: foo
                extra_hosts: [example.com=1.2.3.4, example.com=4.3.2.1, localhost=127.0.0.1]
            """),
        // override/merge_logging_test.go
        Arguments.of("Test_mergeYamlLoggingSameDriver", """
            services:
              test:
                image: foo
                logging: {driver: syslog, options: {syslog-address: "tcp://192.168.0.42:123"}}
            """, """
            services:
              test:
                logging: {driver: syslog, options: {syslog-address: "tcp://127.0.0.1:123"}}
            """, """
            services:
              test:
                image: foo
                logging: {driver: syslog, options: {syslog-address: "tcp://127.0.0.1:123"}}
            """),
        Arguments.of("Test_mergeYamlLoggingDistinctDriver", """
            services:
              test:
                image: foo
                logging: {driver: local, options: {max-size: "10m"}}
            """, """
            services:
              test:
                logging: {driver: syslog, options: {syslog-address: "tcp://127.0.0.1:123"}}
            """, """
            services:
              test:
                image: foo
                logging: {driver: syslog, options: {syslog-address: "tcp://127.0.0.1:123"}}
            """),
        Arguments.of("Test_mergeYamlLoggingImplicitDriver", """
            services:
              test: {image: foo, logging: {options: {max-size: "10m"}}}
            """, """
            services:
              test: {logging: {options: {max-file: 3}}}
            """, """
            services:
              test: {image: foo, logging: {options: {max-size: "10m", max-file: 3}}}
            """),
        // override/merge_mem_test.go
        Arguments.of("TestMemLimitMixed StringThenInt", """
            services:
              test: {mem_limit: 1}
            """, """
            services:
              test: {mem_limit: '256m'}
            """, """
            services:
              test: {mem_limit: 256m}
            """),
        // override/merge_models_test.go
        Arguments.of("Test_mergeYamlServiceModelsShortSyntax", """
            services:
              test: {image: foo, models: [llm, embedding-model]}
            """, """
            services:
              test: {models: [vision-model]}
            """, """
            services:
              test: {image: foo, models: {llm: ~, embedding-model: ~, vision-model: ~}}
            """),
        Arguments.of("Test_mergeYamlModelsCompleteScenario", """
            services:
              app: {image: myapp, models: [llm]}
              worker: {image: worker, models: {embedding-model: {endpoint_var: EMBEDDING_URL}}}
            models:
              llm: {model: ai/smollm2, context_size: 2048}
              embedding-model: {model: ai/all-minilm, context_size: 512}
            """, """
            services:
              app: {models: [vision-model]}
              worker: {models: {llm: {endpoint_var: LLM_URL, model_var: LLM_NAME}}}
            models:
              vision-model: {model: ai/clip, context_size: 1024}
              llm: {model: ai/gpt-4, context_size: 8192}
            """, """
            services:
              app: {image: myapp, models: {llm: ~, vision-model: ~}}
              worker:
                image: worker
                models:
                  embedding-model: {endpoint_var: EMBEDDING_URL}
                  llm: {endpoint_var: LLM_URL, model_var: LLM_NAME}
            models:
              llm: {model: ai/gpt-4, context_size: 8192}
              embedding-model: {model: ai/all-minilm, context_size: 512}
              vision-model: {model: ai/clip, context_size: 1024}
            """),
        // override/merge_mounts_test.go
        Arguments.of("Test_mergeYamlServiceMount", """
            services:
              test: {image: foo, secrets: [foo, bar, zot]}
            """, """
            services:
              test: {image: foo, secrets: [{source: zot, target: /run/secrets/foo}]}
            """, """
            services:
              test: {image: foo, secrets: [{source: zot, target: /run/secrets/foo}, bar, zot]}
            """),
        Arguments.of("configs keyed by target, default /<source>", """
            services:
              test: {image: foo, configs: [nginx]}
            """, """
            services:
              test: {configs: [{source: other, target: /nginx}]}
            """, """
            services:
              test: {image: foo, configs: [{source: other, target: /nginx}]}
            """),
        // override/merge_networks_test.go
        Arguments.of("Test_mergeYamlServiceNetworkSequence", """
            services:
              test: {image: foo, networks: [front-network, back-network]}
            """, """
            services:
              test: {networks: [front-network]}
            """, """
            services:
              test: {image: foo, networks: {front-network: ~, back-network: ~}}
            """),
        Arguments.of("Test_mergeYamlServiceNetworksMapping", """
            services:
              test:
                image: foo
                networks:
                  network1: {aliases: [alias1, alias2], link_local_ips: [57.123.22.11, 57.123.22.13]}
                  network2: {aliases: [alias1, alias3]}
            """, """
            services:
              test:
                networks:
                  network1: {aliases: [alias3, alias1], link_local_ips: [57.123.22.12, 57.123.22.13]}
            """, """
            services:
              test:
                image: foo
                networks:
                  network1:
                    aliases: [alias1, alias2, alias3]
                    link_local_ips: [57.123.22.11, 57.123.22.13, 57.123.22.12]
                  network2: {aliases: [alias1, alias3]}
            """),
        Arguments.of("Test_mergeYamlServiceNetworksMixed", """
            services:
              test: {image: foo, networks: [front-network, back-network, network1]}
            """, """
            services:
              test:
                image: foo
                networks:
                  network1: {aliases: [alias1, alias2]}
                  network2: {aliases: [alias1, alias3]}
            """, """
            services:
              test:
                image: foo
                networks:
                  front-network: ~
                  back-network: ~
                  network1: {aliases: [alias1, alias2]}
                  network2: {aliases: [alias1, alias3]}
            """),
        Arguments.of("Test_mergeYamlNetworks", """
            services:
              test: {image: foo}
            networks:
              network1:
                ipam:
                  config:
                    - subnet: 172.28.0.0/16
                      ip_range: 172.28.5.0/24
                      gateway: 172.28.5.254
                      aux_addresses: {host1: 172.28.1.5, host2: 172.28.1.6, host3: 172.28.1.7}
                  options: {foo: bar, baz: "0"}
                labels:
                  com.example.description: "Financial transaction network"
                  com.example.department: "Finance"
                  com.example.label-with-empty-value: ""
            """, """
            services:
              test: {image: foo}
            networks:
              network1:
                ipam:
                  config:
                    - subnet: 172.28.0.0/16
                      ip_range: 172.28.5.1/24
                      gateway: 172.28.5.254
                      aux_addresses: {host1: 172.28.1.5, host2: 172.28.1.4, host4: 172.28.1.10}
                    - subnet: 172.28.10.0/16
                      ip_range: 172.28.10.1/24
                      gateway: 172.28.10.254
                      aux_addresses: {host1: 172.28.10.5, host2: 172.28.10.4, host3: 172.28.10.10}
                  options: {bar: foo, baz: "0"}
                labels:
                  - "com.example.department-new=New"
                  - "com.example.description=Financial transaction network"
                  - "com.example.label-with-empty-value="
              network2:
            """, """
            services:
              test: {image: foo}
            networks:
              network1:
                ipam:
                  config:
                    - subnet: 172.28.0.0/16
                      ip_range: 172.28.5.1/24
                      gateway: 172.28.5.254
                      aux_addresses: {host1: 172.28.1.5, host2: 172.28.1.4, host3: 172.28.1.7,
                        host4: 172.28.1.10}
                    - subnet: 172.28.10.0/16
                      ip_range: 172.28.10.1/24
                      gateway: 172.28.10.254
                      aux_addresses: {host1: 172.28.10.5, host2: 172.28.10.4, host3: 172.28.10.10}
                  options: {foo: bar, bar: foo, baz: "0"}
                labels:
                  - "com.example.department=Finance"
                  - "com.example.description=Financial transaction network"
                  - "com.example.label-with-empty-value="
                  - "com.example.department-new=New"
              network2:
            """),
        // override/merge_sysctls_test.go
        Arguments.of("TestMergeSysctlsMapping", """
            services:
              test: {image: foo, sysctls: {"net.ipv6.conf.all.disable_ipv6": 1}}
            """, """
            services:
              test: {sysctls: {"net.ipv4.tcp_keepalive_time": "300"}}
            """, """
            services:
              test:
                image: foo
                sysctls: [net.ipv6.conf.all.disable_ipv6=1, net.ipv4.tcp_keepalive_time=300]
            """),
        Arguments.of("TestMergeSysctlsNumbers", """
            services:
              test: {sysctls: {"net.ipv4.tcp_keepalive_time": 1}}
            """, """
            services:
              test: {sysctls: {"net.ipv4.tcp_keepalive_time": 3}}
            """, """
            services:
              test: {sysctls: [net.ipv4.tcp_keepalive_time=3]}
            """),
        // override/merge_tmpfs_test.go
        Arguments.of("TestMergeTmpfsSequence", """
            services:
              test: {image: foo, tmpfs: [/foo]}
            """, """
            services:
              test: {tmpfs: [/bar, /baz, /foo]}
            """, """
            services:
              test: {image: foo, tmpfs: [/foo, /bar, /baz]}
            """),
        Arguments.of("TestMergeTmpfsMixed StringThenSequence", """
            services:
              test: {tmpfs: [/bar, /foo]}
            """, """
            services:
              test: {image: foo, tmpfs: /foo}
            """, """
            services:
              test: {image: foo, tmpfs: [/bar, /foo]}
            """),
        // override/merge_ulimits_test.go
        Arguments.of("Test_mergeYamlUlimits", """
            services:
              test:
                image: foo
                ulimits:
                  nofile: {soft: 20000, hard: 40000}
                  nproc: 65535
                  locks: {soft: 20000, hard: 40000}
            """, """
            services:
              test:
                image: foo
                ulimits:
                  nofile: {soft: 10000, hard: 40000}
                  nproc: {soft: 65535}
                  locks: {hard: 65535}
            """, """
            services:
              test:
                image: foo
                ulimits:
                  nofile: {soft: 10000, hard: 40000}
                  nproc: {soft: 65535}
                  locks: {hard: 65535}
            """),
        // override/merge_volumes_test.go
        Arguments.of("TestMergeVolumes", """
            services:
              test:
                image: foo
                volumes: ["a:/a", {type: bind, source: ./b, target: /b}]
            """, """
            services:
              test: {volumes: ["c:/c"]}
            """, """
            services:
              test:
                image: foo
                volumes: ["a:/a", {type: bind, source: ./b, target: /b}, "c:/c"]
            """),
        Arguments.of("a volume with the same target replaces, it does not merge", """
            services:
              test:
                image: foo
                volumes: [{type: bind, source: ./a, target: /data, read_only: true}]
            """, """
            services:
              test: {volumes: [{type: bind, source: ./b, target: /data}]}
            """, """
            services:
              test:
                image: foo
                volumes: [{type: bind, source: ./b, target: /data}]
            """),
        Arguments.of("command and healthcheck.test are replaced", """
            services:
              test: {image: foo, command: [a, b], healthcheck: {test: [CMD, a], retries: 3}}
            """, """
            services:
              test: {command: c, healthcheck: {test: [CMD, b]}}
            """, """
            services:
              test: {image: foo, command: c, healthcheck: {test: [CMD, b], retries: 3}}
            """));
  }
}
