/// Flow records as CSV (exports of nfdump, SiLK, IPFIX collectors, cloud flow logs): the
/// source and destination address of each flow, each matched against the address indicators.
///
/// Columns come from a header line (the first line; common names such as `src_ip`, `srcaddr`,
/// `sa`, `dst_ip`, `ts` are known) or from a column map (`source=src_ip,destination=3`),
/// whose entries are header names or zero-based column numbers.
public struct FlowCSVScanner: TelemetryScanner {
    /// Which columns hold what: names from the header, or numbers.
    public struct ColumnMap: Sendable, Equatable {
        /// A column by header name or number.
        public enum Column: Sendable, Equatable {
            case name(String)
            case number(Int)
        }

        /// The source address column.
        public var source: [Column]
        /// The destination address column.
        public var destination: [Column]
        /// The flow's start time (Unix seconds or milliseconds, or ISO 8601).
        public var time: [Column]

        /// The names Vigil looks for in a header when no map is given.
        public static let standard = ColumnMap(
            source: ["src_ip", "srcaddr", "src_addr", "saddr", "sa", "src", "source"].map(Column.name),
            destination: ["dst_ip", "dstaddr", "dst_addr", "daddr", "da", "dst", "destination"].map(Column.name),
            time: ["ts", "time", "timestamp", "start", "first", "stime", "te"].map(Column.name))

        /// A map.
        public init(source: [Column], destination: [Column], time: [Column]) {
            self.source = source
            self.destination = destination
            self.time = time
        }

        /// Parses `source=COL,destination=COL[,time=COL]` (also `src=`, `dst=`); a map naming
        /// only some keeps the standard names for the rest.
        public init(parsing text: String) throws(ColumnMapError) {
            self = .standard
            for part in text.split(separator: ",") {
                let pieces = part.split(separator: "=", maxSplits: 1).map { piece in String(piece.filter { $0 != " " }) }
                guard pieces.count == 2, !pieces[1].isEmpty else { throw ColumnMapError(text: String(part)) }
                let column: Column = Int(pieces[1]).map { .number($0) } ?? .name(pieces[1])
                switch pieces[0] {
                case "source", "src": source = [column]
                case "destination", "dst": destination = [column]
                case "time", "ts": time = [column]
                default: throw ColumnMapError(text: String(part))
                }
            }
        }

        /// Whether every column is given by number, so no header is needed.
        var isNumeric: Bool {
            func numbered(_ column: Column) -> Bool { if case .number = column { true } else { false } }
            return source.count == 1 && destination.count == 1 && numbered(source[0]) && numbered(destination[0])
                && time.allSatisfy(numbered)
        }
    }

    /// A column map entry that is not `KEY=COLUMN`.
    public struct ColumnMapError: Error, CustomStringConvertible {
        /// The bad entry.
        public let text: String
        public var description: String {
            "bad column map entry \"\(text)\": expected source=COLUMN, destination=COLUMN or time=COLUMN"
        }
    }

    private let map: ColumnMap
    private let delimiter: UInt8
    private var columns: (source: Int, destination: Int, time: Int)?
    private var fields: [Range<Int>] = []

    /// A scanner with `map` (the standard header names by default).
    public init(map: ColumnMap = .standard, delimiter: UInt8 = 0x2C) {
        self.map = map
        self.delimiter = delimiter
        if map.isNumeric, case .number(let s) = map.source[0], case .number(let d) = map.destination[0] {
            var t = -1
            if case .number(let n)? = map.time.first { t = n }
            columns = (s, d, t)
        }
    }

    public mutating func scan(_ line: UnsafeBufferPointer<UInt8>, into record: inout TelemetryRecord) -> ScanOutcome {
        if line.isEmpty || line[0] == 0x23 { return .skipped }
        guard let columns else {
            let count = splitFields(line, separator: delimiter, into: &fields, maxFields: 256)
            return header(line, count)
        }
        // Only the wanted columns are cut out, and the line is read no further than the last.
        var source: Range<Int>?, destination: Range<Int>?, time: Range<Int>?
        let last = max(columns.source, columns.destination, columns.time)
        var column = 0, start = 0, i = 0
        let n = line.count
        while column <= last {
            while i < n && line[i] != delimiter { i += 1 }
            if column == columns.source { source = start..<i }
            if column == columns.destination { destination = start..<i }
            if column == columns.time { time = start..<i }
            if i >= n { break }
            column += 1
            i += 1
            start = i
        }
        guard let source, let destination else { return .malformed("truncated line: address columns missing") }
        let sourceField = unquoted(line, source), destinationField = unquoted(line, destination)
        guard let sourceAddress = IPAddress(line, sourceField) else { return .malformed("source address") }
        guard let destinationAddress = IPAddress(line, destinationField) else { return .malformed("destination address") }
        record.source = sourceField
        record.destination = destinationField
        record.sourceAddress = sourceAddress
        record.destinationAddress = destinationAddress
        if let time {
            let range = unquoted(line, time)
            if let t = epochMilliseconds(line, range) {
                // Ten digits of seconds, or thirteen of milliseconds.
                record.time = t >= 100_000_000_000_000 ? t / 1000 : t
            } else {
                record.time = isoTime(line, range)
            }
        }
        return .record
    }

    /// Reads the header line: the columns the map names.
    private mutating func header(_ line: UnsafeBufferPointer<UInt8>, _ count: Int) -> ScanOutcome {
        func find(_ wanted: [ColumnMap.Column]) -> Int? {
            for column in wanted {
                switch column {
                case .number(let n): return n
                case .name(let name):
                    let bytes = Array(name.utf8)
                    if let k = (0..<count).first(where: {
                        let f = unquoted(line, fields[$0])
                        return f.count == bytes.count && zip(f, bytes).allSatisfy { asciiLower(line[$0.0]) == asciiLower($0.1) }
                    }) { return k }
                }
            }
            return nil
        }
        guard let source = find(map.source), let destination = find(map.destination) else {
            return .malformed("header names no source and destination address columns (give a column map)")
        }
        columns = (source, destination, find(map.time) ?? -1)
        return .skipped
    }

    private func unquoted(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
        var r = r
        while !r.isEmpty, p[r.lowerBound] == 0x20 { r = (r.lowerBound + 1)..<r.upperBound }
        while !r.isEmpty, p[r.upperBound - 1] == 0x20 { r = r.lowerBound..<(r.upperBound - 1) }
        if r.count >= 2, p[r.lowerBound] == 0x22, p[r.upperBound - 1] == 0x22 { return (r.lowerBound + 1)..<(r.upperBound - 1) }
        return r
    }
}
