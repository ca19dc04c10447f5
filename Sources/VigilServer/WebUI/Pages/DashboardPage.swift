import Foundation
import Hummingbird
import VigilCore
import VigilServices

/// `/`: the dashboard, its charts drawn as SVG on the server over what the reader may see.
enum DashboardPage {
    static func register(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        table.add(Endpoint(.get, "/", summary: "Dashboard", tag: "ui", access: .authenticated, mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let principal = try context.requirePrincipal()
            let dashboard = try await services.dashboard.dashboard(for: principal)
            let names = try await services.users.organisationNames(visibleTo: principal)
            let sources = Set(try await services.sources.list(for: principal).map(\.id))
            return ui.renderer.page(
                "dashboard", title: ui.text("dashboard_title", frame),
                data: data(dashboard, names: names, sources: sources, frame, ui), frame: frame)
        }
    }

    static func data(_ dashboard: Dashboard, names: [String: String], sources: Set<String>, _ frame: PageFrame, _ ui: WebUI) -> [String: Any] {
        let byType = dashboard.byType.map {
            SVGChart.Bar(label: $0.type.rawValue, value: $0.count, href: "/indicators?type=\($0.type.rawValue)")
        }
        // Another organisation's source is counted but not named: its list is not the reader's to see.
        let bySource = dashboard.bySource.map { count in
            sources.contains(count.key)
                ? SVGChart.Bar(label: count.label, value: count.value, href: "/indicators?source=\(WebUI.percentEncoded(count.key))")
                : SVGChart.Bar(label: ui.text("source_other", frame), value: count.value, href: nil)
        }
        let perDay = dashboard.newPerDay.map { entry in
            let (_, month, day) = CivilDate.civil(fromDays: Int(entry.day))
            return SVGChart.Bar(label: "\(month)/\(day)", value: entry.count, href: nil)
        }
        let perHour = dashboard.sightingsPerHour.map { entry in
            SVGChart.Bar(label: String(WebUI.time(entry.hour).dropFirst(5).prefix(8)), value: entry.count, href: nil)
        }
        let organisations = dashboard.topOrganisations.map { SVGChart.Bar(label: $0.label, value: $0.value, href: nil) }
        let sightings = dashboard.sightingsPerHour.reduce(0) { $0 + $1.count }
        return [
            "total": dashboard.total,
            "counted_at": WebUI.time(dashboard.countedAt),
            "sightings": sightings,
            "overdue_count": dashboard.overdueOrders.count,
            "chart_types": SVGChart.bars(byType, title: ui.text("dashboard_by_type", frame)),
            "chart_sources": SVGChart.bars(bySource, title: ui.text("dashboard_by_source", frame)),
            "chart_days": SVGChart.columns(perDay, title: ui.text("dashboard_new_per_day", frame), labelEvery: 2),
            "chart_hours": SVGChart.columns(perHour, title: ui.text("dashboard_sightings_per_hour", frame), labelEvery: 12),
            "chart_organisations": organisations.isEmpty
                ? nil as String? as Any : SVGChart.bars(organisations, title: ui.text("dashboard_top_organisations", frame)),
            "overdue": dashboard.overdueOrders.map { entry in
                [
                    "reference": entry.order.reference, "action": entry.order.action.rawValue,
                    "organisation": names[entry.addressee.organisationID] ?? entry.addressee.organisationID, "deadline": WebUI.time(entry.order.deadline),
                    "status": entry.addressee.status.rawValue,
                ]
            },
        ]
    }
}
