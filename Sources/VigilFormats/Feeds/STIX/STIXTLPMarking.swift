import VigilCore

/// The predefined TLP marking definitions of STIX 2.1 and their ids.
///
/// TLP 2.0 ids are those of the OASIS TLP 2.0 marking definitions (cti-stix-common-objects,
/// extension-definition-specifications/tlp-2.0); TLP 1.0 ids are those fixed by STIX 2.1
/// §7.2.1.4 (TLP:WHITE is read as CLEAR).
public enum STIXTLPMarking {
    /// The id of each TLP 2.0 marking definition.
    public static let tlp2IDs: [TLP: String] = [
        .clear: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        .green: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        .amber: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        .amberStrict: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        .red: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
    ]

    /// The ids of the TLP 1.0 marking definitions of STIX 2.1 (WHITE, GREEN, AMBER, RED).
    public static let tlp1IDs: [TLP: String] = [
        .clear: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        .green: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        .amber: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        .red: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
    ]

    private static let byID: [String: TLP] = {
        var map: [String: TLP] = [:]
        for (label, id) in tlp1IDs { map[id] = label }
        for (label, id) in tlp2IDs { map[id] = label }
        return map
    }()

    /// The TLP label of a predefined marking definition id, nil for any other id.
    public static func tlp(forMarkingID id: String) -> TLP? {
        byID[id.lowercased()]
    }

    /// The TLP label a `marking-definition` object states, if it is a TLP marking: STIX 2.1
    /// `definition_type: tlp` with `definition.tlp`, the TLP 2.0 extension's `tlp_2_0`, or a
    /// `TLP:…` name.
    static func tlp(ofDefinition object: [String: Any]) -> TLP? {
        if let id = LooseJSON.string(object["id"]), let known = tlp(forMarkingID: id) { return known }
        if LooseJSON.string(object["definition_type"])?.lowercased() == "tlp",
           let label = LooseJSON.string(LooseJSON.object(object["definition"])?["tlp"]),
           let parsed = try? TLP(parsing: label) {
            return parsed
        }
        for case let extensionObject as [String: Any] in (LooseJSON.object(object["extensions"]) ?? [:]).values {
            if let label = LooseJSON.string(extensionObject["tlp_2_0"]), let parsed = try? TLP(parsing: label) { return parsed }
        }
        if let name = LooseJSON.string(object["name"]), name.uppercased().hasPrefix("TLP:"),
           let parsed = try? TLP(parsing: name) {
            return parsed
        }
        return nil
    }
}
