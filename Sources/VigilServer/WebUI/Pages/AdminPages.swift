import Foundation
import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// `/admin/…`: users and roles, organisations, and the audit log with its verification state.
enum AdminPages {
    static func register(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        table.add(Endpoint(.get, "/admin/users", summary: "Users and roles", tag: "ui", access: .admin,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let principal = try context.requirePrincipal()
            let names = try await services.users.organisationNames(visibleTo: principal)
            let users = try await services.users.users(visibleTo: principal).map { user in
                [
                    "username": user.username, "display_name": user.displayName, "role": ui.text("role_\(user.role.rawValue)", frame),
                    "organisation": names[user.organisationID] ?? user.organisationID, "language": user.language,
                    "state": ui.text(user.disabled ? "user_disabled" : "user_enabled", frame),
                ]
            }
            return ui.renderer.page("users", title: ui.text("users_title", frame), data: ["users": users], frame: frame)
        }
        table.add(Endpoint(.get, "/admin/organisations", summary: "Organisations", tag: "ui", access: .staff,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let organisations = try await services.users.organisations(visibleTo: try context.requirePrincipal()).map { organisation in
                [
                    "name": organisation.name, "country": organisation.country, "sector": organisation.sector,
                    "critical": organisation.criticalInfrastructure ? ui.text("yes", frame) : ui.text("no", frame),
                    "protection": organisation.protectionLevel, "language": organisation.language.rawValue,
                    "period": organisation.noticePeriod.rawValue,
                ] as [String: Any]
            }
            return ui.renderer.page(
                "organisations", title: ui.text("organisations_title", frame), data: ["organisations": organisations], frame: frame)
        }
        table.add(Endpoint(.get, "/admin/audit", summary: "Audit log and its verification", tag: "ui", access: .admin,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let verification = try await services.auditVerifier.verify()
            let entries = try await AuditStore(services.database.sql).latest(limit: 200).map { entry in
                [
                    "seq": entry.seq, "at": WebUI.time(entry.at), "actor": entry.actor, "action": entry.action,
                    "target": entry.target, "details": entry.details, "hash": String(entry.hash.prefix(16)),
                ] as [String: Any]
            }
            let data: [String: Any] = [
                "intact": verification.isIntact, "checked": verification.checked,
                "problems": verification.problems.map(\.description), "entries": entries,
            ]
            return ui.renderer.page("audit", title: ui.text("audit_title", frame), data: data, frame: frame)
        }
    }
}
