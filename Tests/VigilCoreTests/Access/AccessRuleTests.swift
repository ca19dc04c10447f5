import Testing
import VigilCore

@Suite("Access rule: role, TLP and constituency")
struct AccessRuleTests {
    static let owner = "cert"
    static func principal(_ org: String, _ role: Role = .analyst) -> Principal {
        Principal(userID: "u", username: "u", organisationID: org, role: role)
    }

    @Test(arguments: [
        // tlp, reader org, reader role, recipients, shares-with, expected
        (TLP.clear, "other", Role.partner, [String](), [String](), true),
        (.green, "other", .partner, [], [], true),
        (.amber, "other", .partner, [], [], false),
        (.amber, "other", .partner, [], ["other"], true),
        (.amber, "other", .analyst, ["other"], [], true),
        (.amber, "cert", .analyst, [], [], true),
        (.amberStrict, "other", .analyst, ["other"], ["other"], false),
        (.amberStrict, "cert", .partner, [], [], true),
        (.red, "other", .analyst, [], ["other"], false),
        (.red, "other", .analyst, ["other"], [], true),
        (.red, "cert", .analyst, [], [], true),
        (.green, "isp", .operator, [], [], false),
        (.clear, "isp", .constituent, [], [], false),
    ])
    func decides(tlp: TLP, org: String, role: Role, recipients: [String], shares: [String], expected: Bool) {
        let visibility = Visibility(tlp: tlp, ownerOrganisationID: Self.owner, recipientOrganisationIDs: Set(recipients))
        #expect(AccessRule.canRead(visibility, principal: Self.principal(org, role), ownerSharesWith: Set(shares)) == expected)
    }

    @Test func constituencyScopedRolesSeeTheirOwnResources() {
        let mine = Visibility(tlp: .green, ownerOrganisationID: Self.owner, constituencyOrganisationID: "isp")
        #expect(AccessRule.canRead(mine, principal: Self.principal("isp", .operator)))
        #expect(!AccessRule.canRead(mine, principal: Self.principal("other-isp", .operator)))
        let strict = Visibility(tlp: .amberStrict, ownerOrganisationID: Self.owner, constituencyOrganisationID: "isp")
        #expect(!AccessRule.canRead(strict, principal: Self.principal("isp", .operator)), "constituency does not override TLP")
    }

    @Test func anonymousSeesOnlyClear() {
        for tlp in TLP.allCases {
            #expect(AccessRule.canRead(Visibility(tlp: tlp, ownerOrganisationID: Self.owner), principal: nil) == (tlp == .clear))
        }
    }
}
