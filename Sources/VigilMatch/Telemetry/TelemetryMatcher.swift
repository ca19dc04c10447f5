#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore

/// Scans blocks of log lines with one format's scanner and matches every record against an
/// `IndicatorSet`. A block is scanned whole with the set it was given, so a set swapped
/// between blocks never drops a line or sees one twice.
public struct TelemetryMatcher: Sendable {
    /// The scanner, with whatever it learnt from earlier lines (a header).
    public private(set) var scanner: AnyTelemetryScanner

    /// A matcher for `scanner`.
    public init(scanner: AnyTelemetryScanner) { self.scanner = scanner }

    /// Scans the lines of `block` (split at `\n`, a `\r` before it dropped; a last line without
    /// `\n` counts as a line), numbering them from `firstLine`. Hits go to `hits`, counts to
    /// `statistics`.
    public mutating func scan(
        block: UnsafeBufferPointer<UInt8>, firstLine: Int, against set: IndicatorSet,
        statistics: inout ScanStatistics, hits: inout [TelemetryHit]
    ) {
        switch scanner {
        case .unbound(var s): scanLines(&s, block, firstLine, set, &statistics, &hits); scanner = .unbound(s)
        case .bind(var s): scanLines(&s, block, firstLine, set, &statistics, &hits); scanner = .bind(s)
        case .zeekDNS(var s): scanLines(&s, block, firstLine, set, &statistics, &hits); scanner = .zeekDNS(s)
        case .zeekConn(var s): scanLines(&s, block, firstLine, set, &statistics, &hits); scanner = .zeekConn(s)
        case .flowCSV(var s): scanLines(&s, block, firstLine, set, &statistics, &hits); scanner = .flowCSV(s)
        case .squid(var s): scanLines(&s, block, firstLine, set, &statistics, &hits); scanner = .squid(s)
        case .zeekHTTP(var s): scanLines(&s, block, firstLine, set, &statistics, &hits); scanner = .zeekHTTP(s)
        }
    }

    /// The number of lines in `block` as `scan` counts them.
    public static func lineCount(_ block: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = block.baseAddress, !block.isEmpty else { return 0 }
        var count = 0
        var offset = 0
        while offset < block.count, let nl = memchr(base + offset, 0x0A, block.count - offset) {
            count += 1
            offset = base.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return offset < block.count ? count + 1 : count
    }
}

private func scanLines<S: TelemetryScanner>(
    _ scanner: inout S, _ block: UnsafeBufferPointer<UInt8>, _ firstLine: Int, _ set: IndicatorSet,
    _ statistics: inout ScanStatistics, _ hits: inout [TelemetryHit]
) {
    guard let base = block.baseAddress else { return }
    var offset = 0
    var number = firstLine
    var record = TelemetryRecord()
    let total = block.count
    statistics.bytes += total
    while offset < total {
        let end: Int
        if let nl = memchr(base + offset, 0x0A, total - offset) {
            end = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
        } else {
            end = total
        }
        var lineEnd = end
        if lineEnd > offset && base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let line = UnsafeBufferPointer(start: base + offset, count: lineEnd - offset)
        record = TelemetryRecord()
        switch scanner.scan(line, into: &record) {
        case .record:
            statistics.records += 1
            matchRecord(record, line, number, set, &statistics, &hits)
        case .skipped:
            statistics.skipped += 1
        case .malformed(let reason):
            statistics.malformed += 1
            if statistics.samples.count < ScanStatistics.sampleLimit {
                statistics.samples.append(ScanStatistics.MalformedLine(
                    line: number, reason: reason.description,
                    text: String(decoding: line.prefix(200), as: UTF8.self)))
            }
        }
        statistics.lines += 1
        number += 1
        offset = end + 1
    }
}

@inline(__always)
private func matchRecord(
    _ record: TelemetryRecord, _ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ set: IndicatorSet,
    _ statistics: inout ScanStatistics, _ hits: inout [TelemetryHit]
) {
    func text(_ range: Range<Int>?) -> String? {
        range.map { String(decoding: UnsafeBufferPointer(rebasing: line[$0]), as: UTF8.self) }
    }
    func add(_ hit: IndicatorSet.Hit, observed: String, client: Range<Int>?) {
        statistics.hits += 1
        hits.append(TelemetryHit(
            indicator: set.value(of: hit), line: number, time: record.time, client: text(client), observed: observed))
    }
    func add(_ hit: IndicatorSet.Hit, observed: Range<Int>, client: Range<Int>?) {
        add(hit, observed: text(observed) ?? "", client: client)
    }
    if let name = record.name, !name.isEmpty {
        // A name is an address only if it has a colon or ends in a digit; the rest go straight
        // to the domain table.
        let last = line[name.upperBound - 1]
        var lookup = AddressLookup.notAnAddress
        if last &- 0x30 < 10 || line[name.lowerBound..<name.upperBound].contains(0x3A) {
            lookup = set.matchAddress(line, name.lowerBound, name.upperBound)
        }
        switch lookup {
        case .hit(let hit): add(hit, observed: name, client: record.client)
        case .miss: break
        case .notAnAddress:
            let host = withoutPort(line, name)
            if let hit = set.matchDomain(line, host.lowerBound, host.upperBound) {
                add(hit, observed: host, client: record.client)
            } else if set.holdsURLHosts, record.url == nil, record.uri == nil,
                      let hit = set.matchURLHost(line, host.lowerBound, host.upperBound) {
                // A URL indicator that asks for it hits on its host where the line has no URL.
                add(hit, observed: host, client: record.client)
            }
        }
    }
    if let source = record.source, let hit = lookup(record.sourceAddress, source, line, set) {
        add(hit, observed: source, client: record.client ?? record.destination)
    }
    if let destination = record.destination, let hit = lookup(record.destinationAddress, destination, line, set) {
        add(hit, observed: destination, client: record.client ?? record.source)
    }
    if set.holdsURLs, let url = urlText(record, line), let value = try? URLValue(parsing: url),
       let hit = set.matchExact(IndicatorValue(value)) {
        add(hit, observed: url, client: record.client)
    }
}

/// An endpoint's hit: from the address the scanner parsed, else from its text.
@inline(__always)
private func lookup(
    _ parsed: IPAddress?, _ range: Range<Int>, _ line: UnsafeBufferPointer<UInt8>, _ set: IndicatorSet
) -> IndicatorSet.Hit? {
    switch parsed {
    case .v4(let value): return set.match(IPv4Address(value))
    case .v6(let value): return set.match(value)
    case nil:
        if case .hit(let hit) = set.matchAddress(line, range.lowerBound, range.upperBound) { return hit }
        return nil
    }
}

/// The record's URL: the logged URL, or `http://host` + the path of a Zeek HTTP record.
private func urlText(_ record: TelemetryRecord, _ line: UnsafeBufferPointer<UInt8>) -> String? {
    if let url = record.url { return String(decoding: UnsafeBufferPointer(rebasing: line[url]), as: UTF8.self) }
    guard let uri = record.uri, let host = record.name else { return nil }
    return "http://" + String(decoding: UnsafeBufferPointer(rebasing: line[host]), as: UTF8.self)
        + String(decoding: UnsafeBufferPointer(rebasing: line[uri]), as: UTF8.self)
}

/// `host:port` without `:port` (a name holds no colon otherwise).
@inline(__always)
private func withoutPort(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    var i = range.upperBound
    while i > range.lowerBound {
        i -= 1
        if p[i] == 0x3A { return range.lowerBound..<i }
        if p[i] &- 0x30 > 9 { break }
    }
    return range
}
