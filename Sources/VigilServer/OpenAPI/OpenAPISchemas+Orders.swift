import VigilCore

extension OpenAPISchemas {
    /// Schemas of `/api/v1/orders`.
    static func orders(tlp: [String: Any]) -> [String: Any] {
        let status = enumeration(OrderStatus.allCases.map(\.rawValue))
        let action = enumeration(OrderAction.allCases.map(\.rawValue))
        return [
            "Order": object([
                "id": string, "reference": string, "action": action, "legal_basis": string, "tlp": tlp, "deadline": time,
                "issuer_organisation_id": string, "created_by": string, "created_at": time,
                "resources": ["type": "array", "items": object(["value": string, "indicator_id": nullableString], required: ["value"])],
                "addressees": ["type": "array", "items": object([
                    "organisation_id": string, "status": status, "updated_at": time, "acknowledged_at": time,
                    "completed_at": time, "escalated_at": time, "note": string,
                ], required: ["organisation_id", "status"])],
            ], required: ["id", "reference", "action", "deadline", "resources", "addressees"]),
            "OrderList": list("Order"),
            "NewOrder": object([
                "reference": string, "action": action, "legal_basis": string, "tlp": tlp,
                "deadline": ["type": "string", "format": "date-time"], "addressees": strings, "resources": strings,
                "indicator_ids": strings,
            ], required: ["reference", "action", "deadline", "addressees"]),
            "OrderAnswer": object(["evidence": string, "reason": string]),
            "OrderStatistics": object([
                "organisation_id": string, "organisation": string, "orders": integer, "completed": integer,
                "rejected": integer, "open": integer, "escalated": integer, "overdue_now": integer,
                "median_hours_to_complete": ["type": ["number", "null"]],
            ], required: ["organisation_id", "orders"]),
            "OrderStatisticsList": list("OrderStatistics"),
            "EscalationReport": object(["escalated": integer], required: ["escalated"]),
        ]
    }
}
