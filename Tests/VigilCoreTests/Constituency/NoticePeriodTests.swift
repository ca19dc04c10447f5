import Testing
import VigilCore

@Suite("Notice periods and what TLP lets a notice carry")
struct NoticePeriodTests {
    @Test func windowsAreAlignedToUTCClockPeriods() {
        let t: Int64 = 1_795_654_321_000  // 2026-11-26T...
        #expect(NoticePeriod.hourly.window(containing: t) == 1_795_651_200_000..<1_795_654_800_000)
        #expect(NoticePeriod.daily.window(containing: t).lowerBound % 86_400_000 == 0)
        #expect(NoticePeriod.daily.window(containing: t).contains(t))
        #expect(NoticePeriod.immediate.window(containing: -1) == -60_000..<0)
    }

    @Test func tlpDecidesWhatAnOrganisationMayLearnWhateverItsConstituency() {
        let red = Visibility(tlp: .red, ownerOrganisationID: "cert", recipientOrganisationIDs: ["isp"])
        #expect(AccessRule.tlpAllows(red, organisationID: "isp"))
        #expect(!AccessRule.tlpAllows(red, organisationID: "water"))
        let amber = Visibility(tlp: .amber, ownerOrganisationID: "cert")
        #expect(AccessRule.tlpAllows(amber, organisationID: "water", ownerSharesWith: ["water"]))
        #expect(!AccessRule.tlpAllows(amber, organisationID: "water"))
        #expect(!AccessRule.tlpAllows(Visibility(tlp: .amberStrict, ownerOrganisationID: "cert"), organisationID: "isp"))
        #expect(AccessRule.tlpAllows(Visibility(tlp: .green, ownerOrganisationID: "cert"), organisationID: "anyone"))
    }
}
