import Metrics
import VigilMatch
import VigilServices

/// Prometheus figures of live matching: lines, hits and malformed lines per sensor and format
/// (sensors are configured, so the label set stays small; batches posted to the API count as
/// observer `api`), and the compiled set in use.
enum MatchMetrics {
    static func record(_ counts: ScanStatistics, observer: String, format: TelemetryFormat) {
        let dimensions = [("observer", observer), ("format", format.rawValue)]
        Counter(label: "vigil_match_lines_total", dimensions: dimensions).increment(by: counts.lines)
        Counter(label: "vigil_match_hits_total", dimensions: dimensions).increment(by: counts.hits)
        Counter(label: "vigil_match_malformed_lines_total", dimensions: dimensions).increment(by: counts.malformed)
    }

    static func compiled(_ report: MatchService.ReloadReport) {
        Gauge(label: "vigil_matcher_generation").record(report.generation)
        Gauge(label: "vigil_matcher_indicators").record(report.indicators)
        Gauge(label: "vigil_matcher_bytes").record(report.bytes)
    }

    static func rejectedSyslogMessage(sensor: String) {
        Counter(label: "vigil_syslog_rejected_messages_total", dimensions: [("observer", sensor)]).increment()
    }
}
