import Metrics
import VigilServices

/// Prometheus figures of the notice rounds: notices composed, delivery outcomes, events left out
/// by TLP or for want of a contact, and indicators no organisation owns.
enum NoticeMetrics {
    static func record(composed: NoticeService.ComposeReport, delivered: NoticeService.DeliveryReport) {
        Counter(label: "vigil_notices_composed_total").increment(by: composed.notices)
        Counter(label: "vigil_notice_events_withheld_total", dimensions: [("reason", "tlp")]).increment(by: composed.withheld)
        Counter(label: "vigil_notice_events_withheld_total", dimensions: [("reason", "no_contact")]).increment(by: composed.undeliverable)
        for (outcome, count) in [("sent", delivered.sent), ("retrying", delivered.retrying), ("failed", delivered.failed),
                                 ("unconfirmed", delivered.unconfirmed)] {
            Counter(label: "vigil_notice_deliveries_total", dimensions: [("outcome", outcome)]).increment(by: count)
        }
    }

    static func remapped(_ report: ConstituencyService.RemapReport) {
        guard report.full else { return }
        Gauge(label: "vigil_constituency_unowned_indicators").record(report.unowned)
    }
}
