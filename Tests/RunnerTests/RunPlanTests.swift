import ClaimKit
import Testing
import Runner

@Suite struct RunPlanTests {
    @Test(arguments: ["1/2", "2/2", "1/1", "7/10"])
    func shardParsesValid(text: String) {
        #expect(Shard(parsing: text) != nil)
    }

    @Test(arguments: ["0/2", "3/2", "1/0", "-1/2", "a/b", "1", "1/2/3", ""])
    func shardRejectsInvalid(text: String) {
        #expect(Shard(parsing: text) == nil)
    }

    @Test func shardsPartitionClaims() throws {
        let specs = try ["e", "a", "d", "b", "c"].map { id in
            try TestSpecs.spec(TestSpecs.json(id: id, kind: "selftest.pass"), id: id)
        }
        let first = Shard(parsing: "1/2")!.select(specs).map(\.id)
        let second = Shard(parsing: "2/2")!.select(specs).map(\.id)
        #expect(first == ["a", "c", "e"])
        #expect(second == ["b", "d"])
    }

    @Test func planListsInstancesThenControls() throws {
        let instances = #"[{"id": "x", "description": "x"}, {"id": "y", "description": "y"}]"#
        let controls = #"[{"id": "c1", "description": "c", "instances": ["y"], "expectedVerdict": "refuted"}, {"id": "c2", "description": "c", "expectedVerdict": "refuted"}]"#
        let spec = try TestSpecs.spec(TestSpecs.json(id: "p", kind: "selftest.pass", instances: instances, controls: controls), id: "p")
        let labels = RunPlan.requests(for: [spec]).map(\.label)
        #expect(labels == ["p/x", "p/y", "p/c1@y", "p/c2@x", "p/c2@y"])
    }
}
