package ink.ml.deploy.workflow;

import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.control.BranchSource;
import ink.ml.deploy.workflow.control.BranchSourceRequest;
import ink.ml.deploy.workflow.control.CancelDeploymentRequest;
import ink.ml.deploy.workflow.control.ControlAction;
import ink.ml.deploy.workflow.control.ControlOutcome;
import ink.ml.deploy.workflow.control.ControlRequest;
import ink.ml.deploy.workflow.control.StartControlledDeploymentRequest;
import ink.ml.deploy.workflow.delete.CancelInFlightRequest;
import ink.ml.deploy.workflow.delete.CancelInFlightResult;
import ink.ml.deploy.workflow.delete.DeleteServiceRequest;
import ink.ml.deploy.workflow.delete.DeletionTarget;
import ink.ml.deploy.workflow.delete.MarkWorkloadRemovedRequest;
import ink.ml.deploy.workflow.delete.RetireServiceRequest;
import ink.ml.deploy.workflow.deploy.AppendBuildLogRequest;
import ink.ml.deploy.workflow.deploy.AppendEventRequest;
import ink.ml.deploy.workflow.deploy.ApplyWorkloadRequest;
import ink.ml.deploy.workflow.deploy.BuildOutput;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.deploy.BuildResult;
import ink.ml.deploy.workflow.deploy.ClaimBuildSlotRequest;
import ink.ml.deploy.workflow.deploy.ClaimBuildSlotResult;
import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import ink.ml.deploy.workflow.deploy.DeployOutcome;
import ink.ml.deploy.workflow.deploy.DeployRequest;
import ink.ml.deploy.workflow.deploy.DeploymentPlan;
import ink.ml.deploy.workflow.deploy.LoadPlanRequest;
import ink.ml.deploy.workflow.deploy.MarkStatusRequest;
import ink.ml.deploy.workflow.deploy.MarkStatusResult;
import ink.ml.deploy.workflow.deploy.RecordImageRequest;
import ink.ml.deploy.workflow.deploy.RolloutRequest;
import ink.ml.deploy.workflow.deploy.RolloutResult;
import ink.ml.deploy.workflow.domain.CertificatePhase;
import ink.ml.deploy.workflow.domain.CertificateRecord;
import ink.ml.deploy.workflow.domain.CertificateState;
import ink.ml.deploy.workflow.domain.CertificateStatus;
import ink.ml.deploy.workflow.domain.CustomDomainRequest;
import ink.ml.deploy.workflow.domain.DetachedDomain;
import ink.ml.deploy.workflow.domain.DomainResources;
import ink.ml.deploy.workflow.domain.DomainTimings;
import ink.ml.deploy.workflow.domain.LoadedDomain;
import ink.ml.deploy.workflow.domain.RecordsMissing;
import ink.ml.deploy.workflow.domain.RecordsOutcome;
import ink.ml.deploy.workflow.git.RevokeGitTokenRequest;
import ink.ml.deploy.workflow.git.RevokedGitToken;
import ink.ml.deploy.workflow.push.FindTrackingServicesRequest;
import ink.ml.deploy.workflow.push.PushEvent;
import ink.ml.deploy.workflow.push.PushOutcome;
import ink.ml.deploy.workflow.push.SkippedService;
import ink.ml.deploy.workflow.push.StartDeploymentRequest;
import ink.ml.deploy.workflow.push.StartedDeployment;
import ink.ml.deploy.workflow.push.TrackedBranchRequest;
import ink.ml.deploy.workflow.push.TrackingServices;
import ink.ml.deploy.workflow.runtime.RuntimeCondition;
import ink.ml.deploy.workflow.runtime.RuntimeStatusChange;
import ink.ml.deploy.workflow.runtime.RuntimeStatusOutcome;
import ink.ml.deploy.workflow.runtime.RuntimeStatusReport;
import ink.ml.deploy.workflow.source.BranchHead;
import ink.ml.deploy.workflow.source.ResolveBranchHeadRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every type that crosses Temporal, registered for reflection in the services' native executables.
 * Temporal's data converter reads and writes payloads with Jackson, which builds records and enums
 * by reflection; quarkus-temporal registers the workflow and activity interfaces, not the types
 * their methods take and return, so without this a native executable fails on the first payload it
 * converts. Quarkus finds this class because every service indexes this jar (its META-INF
 * microprofile-config.properties).
 *
 * <p>{@code PayloadReflectionTest} walks the workflow and activity interfaces (parameters, results,
 * record components, {@code @JsonCreator} delegates) and fails when a type they reach is missing
 * here.
 */
@RegisterForReflection(
        targets = {
            BuildStrategy.class,
            DeploymentStatus.class,
            DeploymentStep.class,
            EventStatus.class,
            SourceKind.class,
            BranchSource.class,
            BranchSourceRequest.class,
            CancelDeploymentRequest.class,
            ControlAction.class,
            ControlOutcome.class,
            ControlRequest.class,
            StartControlledDeploymentRequest.class,
            CancelInFlightRequest.class,
            CancelInFlightResult.class,
            DeleteServiceRequest.class,
            DeletionTarget.class,
            MarkWorkloadRemovedRequest.class,
            RetireServiceRequest.class,
            AppendBuildLogRequest.class,
            AppendEventRequest.class,
            ApplyWorkloadRequest.class,
            BuildOutput.class,
            BuildRequest.class,
            BuildResult.class,
            ClaimBuildSlotRequest.class,
            ClaimBuildSlotResult.class,
            DeleteWorkloadRequest.class,
            DeployOutcome.class,
            DeployRequest.class,
            DeploymentPlan.class,
            DeploymentPlan.BuildSettings.class,
            DeploymentPlan.Runtime.class,
            DeploymentPlan.Source.class,
            DeploymentPlan.Target.class,
            LoadPlanRequest.class,
            MarkStatusRequest.class,
            MarkStatusResult.class,
            RecordImageRequest.class,
            RolloutRequest.class,
            RolloutResult.class,
            CertificatePhase.class,
            CertificateRecord.class,
            CertificateState.class,
            CertificateStatus.class,
            CustomDomainRequest.class,
            DetachedDomain.class,
            DomainResources.class,
            DomainTimings.class,
            LoadedDomain.class,
            RecordsMissing.class,
            RecordsOutcome.class,
            RevokeGitTokenRequest.class,
            RevokedGitToken.class,
            FindTrackingServicesRequest.class,
            PushEvent.class,
            PushOutcome.class,
            SkippedService.class,
            StartDeploymentRequest.class,
            StartedDeployment.class,
            TrackedBranchRequest.class,
            TrackingServices.class,
            RuntimeCondition.class,
            RuntimeStatusChange.class,
            RuntimeStatusOutcome.class,
            RuntimeStatusReport.class,
            BranchHead.class,
            ResolveBranchHeadRequest.class
        },
        // Package-private: the delegate DeploymentPlan's @JsonCreator reads older payloads through.
        classNames = {"ink.ml.deploy.workflow.deploy.DeploymentPlanJson"})
public final class PayloadReflection {
    private PayloadReflection() {}
}
