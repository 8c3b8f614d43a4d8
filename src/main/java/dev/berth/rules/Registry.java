package dev.berth.rules;

import dev.berth.rules.compose.ComposeSchemaViolation;
import dev.berth.rules.compose.ContainerNameWithReplicas;
import dev.berth.rules.compose.DuplicateHostPort;
import dev.berth.rules.compose.HealthyConditionWithoutHealthcheck;
import dev.berth.rules.compose.ObsoleteVersionKey;
import dev.berth.rules.compose.MountRefusedByImage;
import dev.berth.rules.compose.OptionRefusedByImage;
import dev.berth.rules.compose.TmpfsExceedsMemoryLimit;
import dev.berth.rules.compose.UndefinedResourceReference;
import dev.berth.rules.compose.UnknownServiceReference;
import dev.berth.rules.compose.UnsetInterpolationVariable;
import dev.berth.rules.compose.UnusedTopLevelDefinition;
import dev.berth.rules.context.AppImportsOutsideContext;
import dev.berth.rules.context.BindMountSourceMissing;
import dev.berth.rules.context.ComposeBuildPathMissing;
import dev.berth.rules.context.ComposeFileMissing;
import dev.berth.rules.context.CopySourceNotInContext;
import dev.berth.rules.context.DockerignoreHidesRuntimeAsset;
import dev.berth.rules.context.DockerignoreNotRead;
import dev.berth.rules.context.EnvFileMissing;
import dev.berth.rules.context.EnvFileSyntaxError;
import dev.berth.rules.context.HostArtifactOverwritesImage;
import dev.berth.rules.context.LargeContextWithoutDockerignore;
import dev.berth.rules.dockerfile.ConstantFromPlatform;
import dev.berth.rules.dockerfile.CopyFromStageCycle;
import dev.berth.rules.dockerfile.CopyFromUnknownStage;
import dev.berth.rules.dockerfile.DeprecatedMaintainer;
import dev.berth.rules.dockerfile.DockerfileSyntaxError;
import dev.berth.rules.dockerfile.DuplicateStageName;
import dev.berth.rules.dockerfile.EmptyContinuationLine;
import dev.berth.rules.dockerfile.ExposeHostMapping;
import dev.berth.rules.dockerfile.FinalUserRoot;
import dev.berth.rules.dockerfile.FromAsCasing;
import dev.berth.rules.dockerfile.InconsistentInstructionCasing;
import dev.berth.rules.dockerfile.InvalidDefaultBaseImage;
import dev.berth.rules.dockerfile.InvalidDefinitionDescription;
import dev.berth.rules.dockerfile.InvalidJsonForm;
import dev.berth.rules.dockerfile.LegacyKeyValueFormat;
import dev.berth.rules.dockerfile.RedundantTargetPlatform;
import dev.berth.rules.dockerfile.RelativeWorkdir;
import dev.berth.rules.dockerfile.ReservedStageName;
import dev.berth.rules.dockerfile.SecretNameInArgOrEnv;
import dev.berth.rules.dockerfile.ShellFormCommand;
import dev.berth.rules.dockerfile.SupersededInstruction;
import dev.berth.rules.dockerfile.UndefinedArgInFrom;
import dev.berth.rules.dockerfile.UndefinedVariable;
import dev.berth.rules.dockerfile.UnsupportedSubstitution;
import dev.berth.rules.dockerfile.UppercaseExposeProtocol;
import dev.berth.rules.dockerfile.UppercaseStageName;
import dev.berth.rules.hygiene.WithdrawnImage;
import dev.berth.rules.hygiene.AddLocalFile;
import dev.berth.rules.hygiene.ApkCacheKept;
import dev.berth.rules.hygiene.AptInstallRecommends;
import dev.berth.rules.hygiene.AptListsKept;
import dev.berth.rules.hygiene.BashismUnderSh;
import dev.berth.rules.hygiene.CdInsteadOfWorkdir;
import dev.berth.rules.hygiene.CopySourcesToNonDirectory;
import dev.berth.rules.hygiene.ExposeInvalidPort;
import dev.berth.rules.hygiene.LatestBaseImageTag;
import dev.berth.rules.hygiene.PackageInstallPrompts;
import dev.berth.rules.hygiene.PipCacheKept;
import dev.berth.rules.hygiene.PipeWithoutPipefail;
import dev.berth.rules.hygiene.RpmCacheKept;
import dev.berth.rules.hygiene.SplitExpansion;
import dev.berth.rules.hygiene.SudoInRun;
import dev.berth.rules.hygiene.UncheckedCd;
import dev.berth.rules.hygiene.UnpinnedPackageVersion;
import dev.berth.rules.hygiene.UntaggedBaseImage;
import dev.berth.rules.hygiene.UselessCat;
import dev.berth.rules.hygiene.UseraddLastlogBloat;
import dev.berth.rules.nonroot.BindMountHidesImageContent;
import dev.berth.rules.nonroot.BindMountWrittenByContainerUser;
import dev.berth.rules.nonroot.ChownToUnknownAccount;
import dev.berth.rules.nonroot.EntrypointNotExecutableByUser;
import dev.berth.rules.nonroot.HomeNotWritable;
import dev.berth.rules.nonroot.IdAlreadyInBaseImage;
import dev.berth.rules.nonroot.RuntimePathNotWritable;
import dev.berth.rules.nonroot.AppFileDirectoryMissing;
import dev.berth.rules.nonroot.AppFileNotWritable;
import dev.berth.rules.nonroot.VolumeDirectoryNotWritable;
import dev.berth.rules.nonroot.UserNotInImage;
import dev.berth.rules.nonroot.VolumeMountPointNotWritable;
import dev.berth.rules.nonroot.VolumeMountedRootOwned;
import dev.berth.rules.security.AddedCapability;
import dev.berth.rules.security.DockerSocketMount;
import dev.berth.rules.security.HostNamespace;
import dev.berth.rules.security.LiteralSecret;
import dev.berth.rules.security.PrivilegedContainer;
import dev.berth.rules.security.RemoteAddWithoutChecksum;
import dev.berth.rules.security.SecretFileInImage;
import dev.berth.rules.security.TlsVerificationDisabled;
import dev.berth.rules.security.WorldWritablePermissions;
import dev.berth.rules.wiring.AsyncEngineSyncDriver;
import dev.berth.rules.wiring.BrowserVariableAtRuntime;
import dev.berth.rules.wiring.EntrypointWaitsForService;
import dev.berth.rules.wiring.NextStandaloneNotConfigured;
import dev.berth.rules.wiring.HealthcheckCommandMissing;
import dev.berth.rules.wiring.StartCommandMissing;
import dev.berth.rules.wiring.HealthcheckCurlWithoutFail;
import dev.berth.rules.wiring.HealthcheckPortWithoutListener;
import dev.berth.rules.wiring.LoopbackListenerPublished;
import dev.berth.rules.wiring.LoopbackUrlToOtherService;
import dev.berth.rules.wiring.ProxyTargetWithoutListener;
import dev.berth.rules.wiring.PublishedPortWithoutListener;
import dev.berth.rules.wiring.UrlHostUnknown;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every rule berth ships, as a plain list. Adding a rule = writing its class and page and adding
 * one line here; the invariants test checks that nothing is half-done.
 */
public final class Registry {
  private static final List<Rule> RULES = build();

  private Registry() {}

  private static List<Rule> build() {
    List<Rule> rules = new ArrayList<>(List.<Rule>of(
        // foundation (BTH0xx)
        new DockerfileSyntaxError(),
        new CopyFromStageCycle(),
        new CopyFromUnknownStage(),
        new DuplicateStageName(),
        new FromAsCasing(),
        new ShellFormCommand(),
        new FinalUserRoot(),
        new InvalidJsonForm(),
        new UnsupportedSubstitution(),
        // BuildKit's build checks (BTH010-BTH026)
        new UppercaseStageName(),
        new EmptyContinuationLine(),
        new InconsistentInstructionCasing(),
        new ReservedStageName(),
        new DeprecatedMaintainer(),
        new UndefinedArgInFrom(),
        new RelativeWorkdir(),
        new UndefinedVariable(),
        new SupersededInstruction(),
        new LegacyKeyValueFormat(),
        new RedundantTargetPlatform(),
        new SecretNameInArgOrEnv(),
        new InvalidDefaultBaseImage(),
        new ConstantFromPlatform(),
        new InvalidDefinitionDescription(),
        new UppercaseExposeProtocol(),
        new ExposeHostMapping(),
        // compose (BTH1xx)
        new ComposeSchemaViolation(),
        new UnknownServiceReference(),
        new HealthyConditionWithoutHealthcheck(),
        new DuplicateHostPort(),
        new UndefinedResourceReference(),
        new UnusedTopLevelDefinition(),
        new UnsetInterpolationVariable(),
        new ObsoleteVersionKey(),
        new ContainerNameWithReplicas(),
        new TmpfsExceedsMemoryLimit(),
        new MountRefusedByImage(),
        new OptionRefusedByImage(),
        // image filesystem and runtime user (BTH2xx)
        new EntrypointNotExecutableByUser(),
        new UserNotInImage(),
        new ChownToUnknownAccount(),
        new RuntimePathNotWritable(),
        new VolumeDirectoryNotWritable(),
        new AppFileNotWritable(),
        new AppFileDirectoryMissing(),
        new IdAlreadyInBaseImage(),
        new VolumeMountPointNotWritable(),
        new VolumeMountedRootOwned(),
        new BindMountWrittenByContainerUser(),
        new BindMountHidesImageContent(),
        new HomeNotWritable(),
        // build contexts (BTH3xx)
        new CopySourceNotInContext(),
        new DockerignoreNotRead(),
        new HostArtifactOverwritesImage(),
        new LargeContextWithoutDockerignore(),
        new ComposeBuildPathMissing(),
        new ComposeFileMissing(),
        new BindMountSourceMissing(),
        new EnvFileMissing(),
        new EnvFileSyntaxError(),
        new AppImportsOutsideContext(),
        new DockerignoreHidesRuntimeAsset(),
        // Dockerfile hygiene and shell analysis (BTH5xx)
        new AddLocalFile(),
        new ApkCacheKept(),
        new AptInstallRecommends(),
        new AptListsKept(),
        new BashismUnderSh(),
        new CdInsteadOfWorkdir(),
        new CopySourcesToNonDirectory(),
        new ExposeInvalidPort(),
        new LatestBaseImageTag(),
        new PackageInstallPrompts(),
        new PipCacheKept(),
        new PipeWithoutPipefail(),
        new RpmCacheKept(),
        new SplitExpansion(),
        new SudoInRun(),
        new UncheckedCd(),
        new UnpinnedPackageVersion(),
        new UntaggedBaseImage(),
        new WithdrawnImage(),
        new UseraddLastlogBloat(),
        new UselessCat(),
        // security (BTH6xx)
        new AddedCapability(),
        new DockerSocketMount(),
        new HostNamespace(),
        new LiteralSecret(),
        new PrivilegedContainer(),
        new RemoteAddWithoutChecksum(),
        new SecretFileInImage(),
        new TlsVerificationDisabled(),
        new WorldWritablePermissions(),
        // service wiring (BTH7xx)
        new PublishedPortWithoutListener(),
        new LoopbackListenerPublished(),
        new ProxyTargetWithoutListener(),
        new HealthcheckCommandMissing(),
        new StartCommandMissing(),
        new HealthcheckCurlWithoutFail(),
        new HealthcheckPortWithoutListener(),
        new UrlHostUnknown(),
        new LoopbackUrlToOtherService(),
        new AsyncEngineSyncDriver(),
        new BrowserVariableAtRuntime(),
        new NextStandaloneNotConfigured(),
        new EntrypointWaitsForService()
    ));
    rules.sort(Comparator.comparing(r -> RuleInfo.of(r.getClass()).id()));
    return List.copyOf(rules);
  }

  public static List<Rule> all() {
    return RULES;
  }

  public static List<RuleInfo> infos() {
    return RULES.stream().map(r -> RuleInfo.of(r.getClass())).toList();
  }

  public static Optional<RuleInfo> info(String id) {
    return infos().stream().filter(i -> i.id().equals(id)).findFirst();
  }
}
