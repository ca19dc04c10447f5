import Foundation
import Testing
import VigilCore
import VigilMatch

/// The indicators the telemetry samples are matched against, with short ids named for them.
func sampleIndicators() throws -> IndicatorSet {
    var builder = IndicatorSet.Builder()
    let entries: [(String, IndicatorType, String)] = [
        ("www-evil", .domain, "www.evil-domain.example"),
        ("bad-cdn", .domainSuffix, "bad-cdn.example.net"),
        ("evil", .domain, "evil-domain.example"),
        ("net-198", .cidr4, "198.51.100.0/24"),
        ("host-203", .ipv4, "203.0.113.200"),
        ("net-v6", .cidr6, "2001:db8:bad::/48"),
        ("phish-url", .url, "http://benign.example.org:8080/phish/login.php"),
        ("landing-url", .url, "http://www.evil-domain.example/landing?id=1"),
    ]
    for (id, type, raw) in entries {
        #expect(builder.add(id: id, value: try IndicatorValue(parsing: raw, as: type)))
    }
    return builder.build()
}

/// The bytes of a sample log beside the tests.
func telemetrySample(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/\(name)")
    return [UInt8](try Data(contentsOf: url))
}

/// Scans `bytes` in one block and returns the counts and the hits.
func scanSample(
    _ bytes: [UInt8], _ format: TelemetryFormat, set: IndicatorSet, columns: FlowCSVScanner.ColumnMap = .standard
) -> (ScanStatistics, [TelemetryHit]) {
    var matcher = TelemetryMatcher(scanner: AnyTelemetryScanner(format: format, year: 2026, flowColumns: columns))
    var statistics = ScanStatistics()
    var hits: [TelemetryHit] = []
    bytes.withUnsafeBufferPointer {
        matcher.scan(block: $0, firstLine: 1, against: set, statistics: &statistics, hits: &hits)
    }
    return (statistics, hits)
}

/// (indicator id, line) of each hit, for comparing.
func hitLines(_ hits: [TelemetryHit]) -> [String] {
    hits.map { "\($0.indicatorID)@\($0.line)" }
}
