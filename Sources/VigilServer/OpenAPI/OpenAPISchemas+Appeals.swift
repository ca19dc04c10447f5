import VigilCore

extension OpenAPISchemas {
    /// Schemas of `/api/v1/appeals`.
    static var appeals: [String: Any] {
        let status = enumeration(AppealStatus.allCases.map(\.rawValue))
        return [
            "NewAppeal": object(["resource": string, "reason": string, "contact_email": string],
                                required: ["resource", "reason", "contact_email"]),
            "AppealReceipt": object(["tracking_id": string, "status": status], required: ["tracking_id", "status"]),
            "AppealTracking": object(["tracking_id": string], required: ["tracking_id"]),
            "AppealStatus": object(["status": status, "decision": string, "created_at": time, "decided_at": time],
                                   required: ["status"]),
            "AppealDecision": object(["reason": string], required: ["reason"]),
            "Appeal": object([
                "id": string, "resource": string, "reason": string, "contact_email": string, "status": status,
                "decision": string, "decided_by": nullableString, "created_at": time, "decided_at": time,
            ], required: ["id", "resource", "status"]),
            "AppealList": list("Appeal"),
        ]
    }
}
