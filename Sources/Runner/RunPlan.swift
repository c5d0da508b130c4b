import ClaimKit

/// One run: a claim on one instance, or one of its negative controls on one instance.
public struct RunRequest: Sendable, Codable, Equatable, Hashable {
    public var claimID: String
    public var instanceID: String
    /// Nil for the claim itself.
    public var controlID: String?

    public init(claimID: String, instanceID: String, controlID: String?) {
        self.claimID = claimID
        self.instanceID = instanceID
        self.controlID = controlID
    }

    /// `claim/instance` or `claim/control@instance`, for progress lines and messages.
    public var label: String {
        if let controlID { return "\(claimID)/\(controlID)@\(instanceID)" }
        return "\(claimID)/\(instanceID)"
    }
}

/// A slice of the claims for one of several machines: shard `index` of `count`, 1-based.
public struct Shard: Sendable, Codable, Equatable {
    public var index: Int
    public var count: Int

    /// Parses `I/N` with 1 ≤ I ≤ N; nil when the text is not of that form.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            return nil
        }
        self.index = index
        self.count = count
    }

    /// Selects whole claims (so a claim's verdict never spans shards): the claims at
    /// positions index−1, index−1+count, … of the list sorted by id.
    public func select(_ specs: [TheoremSpec]) -> [TheoremSpec] {
        specs.sorted { $0.id < $1.id }.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}

/// The runs for a list of claims, in a fixed order.
public enum RunPlan {
    /// Lists every (claim × instance) run, then every (control × instance) run, per claim,
    /// with claims sorted by id and instances and controls in spec order.
    public static func requests(for specs: [TheoremSpec]) -> [RunRequest] {
        var requests: [RunRequest] = []
        for spec in specs.sorted(by: { $0.id < $1.id }) {
            for instance in spec.instances {
                requests.append(RunRequest(claimID: spec.id, instanceID: instance.id, controlID: nil))
            }
            for control in spec.negativeControls {
                for instanceID in control.instances {
                    requests.append(RunRequest(claimID: spec.id, instanceID: instanceID, controlID: control.id))
                }
            }
        }
        return requests
    }
}
