import Foundation
import Hummingbird
import VigilCore
import VigilServices

/// `/api/v1/partners`: each partner's profile outcome as the gate sees it now (what would leave,
/// what was removed and why, whether it is held) and the approval of a held export.
enum SharingRoutes {

    static func register(on table: EndpointTable, services: ServiceContainer) {
        let sharing = services.sharing
        table.add(Endpoint(
            .get, "/api/v1/partners/{name}/plan", summary: "What an export to the partner would send now, and what the gate removed and why",
            tag: "sharing", access: .staff, response: "SharingPlan")) { _, context in
            _ = try context.requirePrincipal()
            return try .json(try await sharing.plan(partner: try Self.partnerName(context)))
        }
        table.add(Endpoint(
            .post, "/api/v1/partners/{name}/approval", summary: "Let today's export to the partner through the volume hold",
            tag: "sharing", access: .staff, response: "SharingPlan")) { _, context in
            try .json(try await sharing.approve(partner: try Self.partnerName(context), by: try context.requirePrincipal()))
        }
    }
}

extension SharingRoutes {
    /// The partner named in the path (names have spaces, so it arrives percent-encoded).
    static func partnerName(_ context: VigilRequestContext) throws -> String {
        let raw = try context.pathParameter("name")
        return raw.removingPercentEncoding ?? raw
    }
}

extension OpenAPISchemas {
    /// Schemas of the sharing routes.
    static var sharing: [String: Any] {
        [
            "SharingPlan": object([
                "partner": string, "jurisdiction": string, "abroad": ["type": "boolean"], "indicators": integer, "revoked": integer,
                "sightings": integer, "held": ["type": "boolean"], "holdReason": nullableString,
                "removed": ["type": "array", "items": object(["reason": string, "count": integer, "examples": strings])],
            ], required: ["partner", "indicators", "removed", "held"]),
        ]
    }
}
