import VigilCore

/// JSON Schemas of the API's bodies, for the OpenAPI document.
enum OpenAPISchemas {
    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }

    static var string: [String: Any] { ["type": "string"] }
    static var nullableString: [String: Any] { ["type": ["string", "null"]] }
    static var time: [String: Any] { ["type": ["string", "null"], "format": "date-time"] }
    static var integer: [String: Any] { ["type": "integer"] }
    static var strings: [String: Any] { ["type": "array", "items": ["type": "string"]] }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func list(_ name: String) -> [String: Any] { ["type": "array", "items": ref(name)] }
    static func enumeration(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }

    static var all: [String: Any] {
        let tlp = enumeration(TLP.allCases.map(\.rawValue))
        let type = enumeration(IndicatorType.allCases.map(\.rawValue))
        let threat = enumeration(ThreatType.allCases.map(\.rawValue))
        let role = enumeration(Role.allCases.map(\.rawValue))
        let indicator = object([
            "id": string, "type": type, "value": string, "tlp": tlp, "threat_type": threat,
            "status": enumeration(IndicatorStatus.allCases.map(\.rawValue)), "confidence": integer,
            "owner_organisation_id": string, "constituency_organisation_id": nullableString, "description": string,
            "first_seen": time, "last_seen": time, "valid_until": time, "created_at": time, "updated_at": time,
            "tags": strings, "recipients": strings, "suppressed_by": nullableString,
        ], required: ["id", "type", "value", "tlp", "threat_type", "status", "confidence"])
        let user = object([
            "id": string, "username": string, "display_name": string, "organisation_id": string, "role": role,
            "language": string, "disabled": ["type": "boolean"],
        ], required: ["id", "username", "role", "organisation_id"])
        let token = object([
            "id": string, "name": string, "created_at": time, "expires_at": time, "revoked_at": time, "last_used_at": time,
        ], required: ["id", "name"])
        let audit = object([
            "seq": integer, "at": time, "actor": string, "action": string, "target": string, "details": string,
            "prev_hash": string, "hash": string,
        ], required: ["seq", "hash", "prev_hash"])
        return [
            "Problem": object([
                "type": string, "title": string, "status": integer, "detail": string, "instance": string, "field": string,
            ], required: ["type", "title", "status", "detail"]),
            "Health": object(["status": string, "database": nullableString], required: ["status"]),
            "Indicator": indicator,
            "IndicatorPage": object(["items": list("Indicator"), "next_cursor": nullableString], required: ["items"]),
            "IndicatorDetail": object([
                "indicator": ref("Indicator"),
                "provenance": ["type": "array", "items": object([
                    "source_id": string, "first_seen": time, "last_seen": time, "times_seen": integer, "item_id": nullableString,
                ])],
                "history": ["type": "array", "items": object(["at": time, "actor": string, "change": string, "details": string])],
                "sightings": ref("SightingSummary"),
            ], required: ["indicator"]),
            "NewIndicator": object([
                "type": type, "value": ["type": "string", "maxLength": 4096], "tlp": tlp, "threat_type": threat,
                "confidence": ["type": "integer", "minimum": 0, "maximum": 100], "tags": strings,
                "description": ["type": "string", "maxLength": 4000], "valid_until": integer, "recipients": strings,
                "constituency_organisation_id": string,
            ], required: ["value", "threat_type"]),
            "Revocation": object(["reason": string], required: ["reason"]),
            "TLPChange": object(["tlp": string, "reason": string], required: ["tlp"]),
            "User": user, "UserList": list("User"),
            "NewUser": object([
                "username": string, "password": string, "organisation_id": string, "role": role, "display_name": string,
                "language": enumeration(["en", "zh"]),
            ], required: ["username", "password", "organisation_id", "role"]),

            "NewOrganisation": object(["name": string, "country": string], required: ["name"]),
            "Token": token, "TokenList": list("Token"),
            "NewToken": object(["name": string, "ttl_days": ["type": "integer", "minimum": 1, "maximum": 3650]], required: ["name"]),
            "CreatedToken": object(["token": ref("Token"), "secret": string], required: ["token", "secret"]),
            "AuditEntry": audit, "AuditList": list("AuditEntry"),
            "Source": object([
                "id": string, "name": string, "collector": string, "format": string, "location": string,
                "options": ["type": "object", "additionalProperties": ["type": "string"]],
                "schedule_seconds": ["type": ["integer", "null"]], "organisation_id": string, "reliability": integer,
                "default_tlp": tlp, "threat_type": threat, "tags": strings, "max_bytes": integer,
                "enabled": ["type": "boolean"], "last_run_at": time,
            ], required: ["id", "name", "collector", "format"]),
            "SourceList": list("Source"),
            "ExpiryReport": object(["examined": integer, "validityEnded": integer, "decayed": integer]),
            "AllowlistEntry": object(["entry": string, "comment": string, "created_by": string, "created_at": time],
                                     required: ["entry"]),
            "AllowlistEntries": list("AllowlistEntry"),
            "Blocklist": object([
                "name": string, "types": strings, "threat_types": strings, "min_confidence": integer, "max_tlp": tlp,
                "sources": strings, "tags": strings, "action": string, "formats": strings,
            ], required: ["name", "types", "action", "formats"]),
            "BlocklistList": list("Blocklist"),
            "NewAllowlistEntry": object(["entry": string, "comment": string], required: ["entry"]),
            "SourceDefinition": object([
                "name": string, "collector": enumeration(["manual", "file", "folder", "http", "stdin", "push"]),
                "format": string, "location": string,
                "options": ["type": "object", "additionalProperties": ["type": "string"]],
                "schedule_seconds": integer, "reliability": ["type": "integer", "minimum": 0, "maximum": 100],
                "default_tlp": tlp, "threat_type": threat, "tags": strings, "max_bytes": integer,
                "enabled": ["type": "boolean"],
            ], required: ["name", "collector", "format"]),
            "ImportRun": object([
                "id": string, "source_id": string, "status": string, "actor": string, "started_at": time,
                "finished_at": time, "lines_read": integer, "new": integer, "updated": integer, "unchanged": integer,
                "suppressed": integer, "rejected": integer, "message": string,
            ], required: ["id", "status"]),
            "ImportRunList": list("ImportRun"),
            "UploadAnswer": object(["report": string, "run": ref("ImportRun")], required: ["report", "run"]),
            "Rejection": object([
                "line": ["type": ["integer", "null"]], "object_id": nullableString, "field": nullableString, "reason": string,
            ], required: ["reason"]),
            "RejectionList": list("Rejection"),
            "PushItems": [
                "type": "array", "description": "Items; NDJSON (one object per line) is accepted too",
                "items": object([
                    "value": string, "type": type, "threat_type": threat, "tags": strings,
                    "confidence": integer, "id": string, "tlp": tlp, "first_seen": string, "description": string,
                ], required: ["value"]),
            ],
            "PushReport": object([
                "run": ref("ImportRun"),
                "items": ["type": "array", "items": object([
                    "index": integer, "status": enumeration(["new", "updated", "unchanged", "rejected", "skipped"]),
                    "indicator_id": nullableString, "suppressed_by": nullableString, "field": nullableString,
                    "error": nullableString,
                ])],
            ], required: ["run", "items"]),
            "AuditVerification": object(["intact": ["type": "boolean"], "checked": integer, "problems": strings],
                                        required: ["intact", "checked", "problems"]),
        ].merging(orders(tlp: tlp)) { first, _ in first }.merging(appeals) { first, _ in first }
            .merging(matching) { first, _ in first }.merging(constituency) { first, _ in first }
            .merging(notices) { first, _ in first }.merging(taxii) { first, _ in first }
            .merging(sharing) { first, _ in first }
    }
}
