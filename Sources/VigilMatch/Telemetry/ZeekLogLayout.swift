/// Reads the fields a scanner wants from Zeek logs in either encoding: TSV, whose `#fields`
/// header names the columns (and `#separator` the separator), or JSON lines (one object per
/// line, `LogAscii::use_json`). Zeek's unset (`-`) and empty (`(empty)`) values and JSON's
/// `null` read as absent.
struct ZeekLogLayout: Sendable {
    /// What a line was.
    enum Line {
        case header
        case values
        case malformed(StaticString)
    }

    private let wanted: [StaticString]
    private var columns: [Int] = []
    private var separator: UInt8 = 0x09
    private var fields: [Range<Int>] = []
    /// The wanted fields of the last line read, in the order given at `init`.
    private(set) var values: [Range<Int>?]

    /// A layout reading the fields named `wanted` (`ts`, `id.orig_h`, …).
    init(wanted: [StaticString]) {
        self.wanted = wanted
        values = Array(repeating: nil, count: wanted.count)
    }

    mutating func read(_ line: UnsafeBufferPointer<UInt8>) -> Line {
        for k in values.indices { values[k] = nil }
        if line.isEmpty { return .header }
        if line[0] == 0x23 { return header(line) }
        if line[0] == 0x7B { return json(line) }
        if columns.isEmpty { return .malformed("data before the #fields header") }
        let count = splitFields(line, separator: separator, into: &fields, maxFields: 4096)
        for (k, column) in columns.enumerated() where column >= 0 {
            guard column < count else { return .malformed("truncated line: fewer fields than #fields names") }
            let range = fields[column]
            if !(fieldEquals(line, range, "-") || fieldEquals(line, range, "(empty)") || range.isEmpty) {
                values[k] = range
            }
        }
        return .values
    }

    private mutating func header(_ line: UnsafeBufferPointer<UInt8>) -> Line {
        if fieldEquals(line, 0..<min(11, line.count), "#separator ") {
            // Written as an escape such as \x09.
            let text = Array(line[11...])
            if text.count == 4, text[0] == 0x5C, text[1] == 0x78,
               let value = UInt8(String(decoding: text[2...], as: UTF8.self), radix: 16) {
                separator = value
            } else if text.count == 1 {
                separator = text[0]
            }
        } else if fieldEquals(line, 0..<min(8, line.count), "#fields") || fieldEquals(line, 0..<min(8, line.count), "#fields\t") {
            let names = UnsafeBufferPointer(rebasing: line[min(8, line.count)...])
            let count = splitFields(names, separator: separator, into: &fields, maxFields: 4096)
            columns = wanted.map { name in
                (0..<count).first { fieldEquals(names, fields[$0], name) } ?? -1
            }
        }
        return .header
    }

    /// A flat JSON object: string values without their quotes (escapes left as they are: the
    /// fields Vigil reads are names, addresses and numbers), other values as written.
    private mutating func json(_ p: UnsafeBufferPointer<UInt8>) -> Line {
        var i = 1
        let n = p.count
        func skipSpace() { while i < n, p[i] == 0x20 || p[i] == 0x09 { i += 1 } }
        func string() -> Range<Int>? {
            guard i < n, p[i] == 0x22 else { return nil }
            let start = i + 1
            i += 1
            while i < n, p[i] != 0x22 {
                if p[i] == 0x5C { i += 1 }
                i += 1
            }
            guard i < n else { return nil }
            i += 1
            return start..<(i - 1)
        }
        while true {
            skipSpace()
            if i < n, p[i] == 0x7D { return .values }
            guard let key = string() else { return .malformed("JSON: a key expected (truncated line?)") }
            skipSpace()
            guard i < n, p[i] == 0x3A else { return .malformed("JSON: ':' expected") }
            i += 1
            skipSpace()
            let value: Range<Int>?
            if i < n, p[i] == 0x22 {
                guard let s = string() else { return .malformed("JSON: unterminated string (truncated line?)") }
                value = s
            } else {
                let start = i
                var depth = 0
                while i < n {
                    let b = p[i]
                    if b == 0x22 {
                        _ = string()
                        continue
                    }
                    if b == 0x5B || b == 0x7B { depth += 1 } else if b == 0x5D || b == 0x7D {
                        if depth == 0 { break }
                        depth -= 1
                    } else if b == 0x2C && depth == 0 { break }
                    i += 1
                }
                guard i < n else { return .malformed("JSON: object not closed (truncated line?)") }
                var end = i
                while end > start, p[end - 1] == 0x20 { end -= 1 }
                value = fieldEquals(p, start..<end, "null") ? nil : start..<end
            }
            if let k = wanted.firstIndex(where: { fieldEquals(p, key, $0) }) { values[k] = value }
            skipSpace()
            guard i < n else { return .malformed("JSON: object not closed (truncated line?)") }
            if p[i] == 0x2C {
                i += 1
            } else if p[i] == 0x7D {
                return .values
            } else {
                return .malformed("JSON: ',' or '}' expected")
            }
        }
    }

    /// Reads `line` for a scanner whose first wanted field is `ts`: the wanted values (`ts` at 0)
    /// and the time, or nil with what the scanner reports instead (a header, a malformed line, a bad
    /// `ts`) in `outcome`.
    mutating func record(_ line: UnsafeBufferPointer<UInt8>, outcome: inout ScanOutcome) -> (values: [Range<Int>?], time: Int64)? {
        switch read(line) {
        case .header:
            outcome = .skipped
        case .malformed(let reason):
            outcome = .malformed(reason)
        case .values:
            if let time = Self.time(line, values[0]) { return (values, time) }
            outcome = .malformed("ts")
        }
        return nil
    }

    /// Zeek's `ts`: Unix seconds with a fraction, or ISO 8601 (`JSON::TS_ISO8601`).
    static func time(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>?) -> Int64? {
        guard let range else { return nil }
        return epochMilliseconds(p, range) ?? isoTime(p, range)
    }
}
