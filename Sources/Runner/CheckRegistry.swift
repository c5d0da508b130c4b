import ClaimKit
import PolicyMirrorDescent
import QuantizedBatchNorm

/// The checks that specs can name in `check.kind`. Add one line per check type.
public enum CheckRegistry {
    /// Every registered check type. The `selftest.*` kinds exist for the engine's own tests.
    public static let checkTypes: [any ClaimCheck.Type] = [
        SelfTestPass.self,
        SelfTestRefute.self,
        SelfTestCompare.self,
        SelfTestInconclusive.self,
        SelfTestTrap.self,
        SelfTestHang.self,
        SelfTestBudget.self,
        SelfTestInvalidParameter.self,
        SelfTestReport.self,
        EuclideanFiniteStepCheck.self,
        FiniteStepConditionCheck.self,
        ExactMassGapCheck.self,
        QuantizedBatchNormExactnessCheck.self,
        QuantizedBatchNormTiesCheck.self,
        QuantizedBatchNormRoundingSchemesCheck.self,
        MonotoneImprovementCheck.self,
        PositiveMassCheck.self,
        ValueRateCheck.self,
        StepCountScalingCheck.self,
    ]

    /// The registered kinds, sorted.
    public static var kinds: [String] {
        checkTypes.map { $0.kind }.sorted()
    }

    /// Returns the check type registered under `kind`, or nil.
    public static func checkType(for kind: String) -> (any ClaimCheck.Type)? {
        checkTypes.first { $0.kind == kind }
    }
}
