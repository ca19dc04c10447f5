/// Splits a JSON document whose top level is one object (`{"key": value, …}`, e.g. the ThreatFox
/// export keyed by IOC id) into its members as lines arrive: memory is bounded by the largest
/// member, and a broken member costs only itself.
///
/// Strings and escapes are tracked, so brackets inside strings do not count. Member values are
/// handed out as raw JSON bytes for the caller to parse. Recovery: a line break inside a string
/// (a cut line) damages the member; in a pretty-printed document, a member name at the indentation
/// of the top-level names while the previous member is still open ends that member as truncated.
/// Other structure errors outside members stop the stream with one rejection; `finish` reports a
/// document that ends inside a member or before its closing brace (a truncated download).
struct JSONObjectStream {
    /// One member of the top-level object.
    struct Member {
        /// The member name as written (escapes kept).
        let key: String
        /// The line the member name is on.
        let line: Int
        /// The value's JSON text.
        let json: [UInt8]
        /// Why the value cannot be trusted (too large, cut, unreadable line), if so.
        let damage: String?
    }

    /// What the stream yields, in input order.
    enum Piece {
        /// A complete member.
        case member(Member)
        /// An unreadable line, a broken structure or a truncated member.
        case rejection(FeedRejection)
    }

    private enum State { case start, beforeKey, key, afterKey, beforeValue, value, afterValue, done, failed }

    /// Largest member value kept, in bytes; a larger one is skipped and reported.
    let maxMemberBytes: Int
    private var state = State.start
    private var key: [UInt8] = []
    private var json: [UInt8] = []
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var memberLine = 0
    private var memberIndent: Int?
    private var damage: String?
    private var lastLine = 0

    /// A stream keeping member values up to `maxMemberBytes`.
    init(maxMemberBytes: Int = 1 << 20) {
        self.maxMemberBytes = maxMemberBytes
    }

    /// Reads one line of the document.
    mutating func read(_ line: Line, into pieces: inout [Piece]) {
        lastLine = line.number
        if state == .failed { return }
        let text: Substring
        switch line.text() {
        case .success(let value): text = value
        case .failure(let rejection):
            pieces.append(.rejection(rejection))
            if state == .value || state == .key { damage = damage ?? "line \(line.number) of it could not be read" }
            return
        }
        let bytes = text.utf8
        let indent = bytes.prefix { $0 == 0x20 || $0 == 0x09 }.count
        if state == .value, depth > 0, indent == memberIndent, bytes.dropFirst(indent).first == 0x22 {
            pieces.append(.rejection(FeedRejection(
                location: FeedLocation(line: memberLine, objectID: keyText),
                reason: damage ?? "member is not closed before the next member on line \(line.number): truncated")))
            state = .beforeKey
        }
        var offset = 0
        for byte in bytes {
            step(byte, line: line.number, indent: offset == indent ? indent : nil, into: &pieces)
            offset += 1
        }
        step(0x0A, line: line.number, indent: nil, into: &pieces)
    }

    /// Reports a document that ended early; call once after the last line.
    mutating func finish(into pieces: inout [Piece]) {
        switch state {
        case .start, .done, .failed: break
        case .key, .afterKey, .beforeValue, .value:
            pieces.append(.rejection(FeedRejection(
                location: FeedLocation(line: memberLine, objectID: keyText),
                reason: "document ends inside this member: truncated")))
        case .beforeKey, .afterValue:
            pieces.append(.rejection(FeedRejection(
                location: FeedLocation(line: lastLine), reason: "document ends before its closing '}': truncated")))
        }
        state = .done
    }

    private var keyText: String { String(decoding: key, as: UTF8.self) }

    /// One byte; `indent` is the line's indentation when the byte is the first one after it.
    private mutating func step(_ byte: UInt8, line: Int, indent: Int?, into pieces: inout [Piece]) {
        let space = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        switch state {
        case .start:
            if space { return }
            guard byte == 0x7B else { return fail("expected '{' to open the document, found \(Self.show(byte))", line, &pieces) }
            state = .beforeKey
        case .beforeKey, .afterValue:
            if space { return }
            if byte == 0x2C && state == .afterValue { state = .beforeKey; return }
            if byte == 0x7D { state = .done; return }
            guard byte == 0x22 else { return fail("expected a member name, ',' or '}', found \(Self.show(byte))", line, &pieces) }
            if state == .afterValue {
                pieces.append(.rejection(FeedRejection(location: FeedLocation(line: line), reason: "missing ',' between members")))
            }
            (key, escaped, damage, memberLine, memberIndent, state) = ([], false, nil, line, indent, .key)
        case .key:
            if byte == 0x0A { return fail("line break inside a member name", line, &pieces) }
            if escaped {
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else if byte == 0x22 {
                return state = .afterKey
            }
            guard key.count < 1024 else { return fail("member name longer than 1024 bytes", line, &pieces) }
            key.append(byte)
        case .afterKey:
            if space { return }
            guard byte == 0x3A else { return fail("expected ':' after member name, found \(Self.show(byte))", line, &pieces) }
            state = .beforeValue
        case .beforeValue:
            if space { return }
            (json, depth, inString, escaped, state) = ([], 0, false, false, .value)
            value(byte, line: line, into: &pieces)
        case .value:
            value(byte, line: line, into: &pieces)
        case .done:
            if !space { fail("text after the end of the document, found \(Self.show(byte))", line, &pieces) }
        case .failed:
            return
        }
    }

    /// One byte of a member value.
    private mutating func value(_ byte: UInt8, line: Int, into pieces: inout [Piece]) {
        if inString {
            if byte == 0x0A {
                damage = damage ?? "line \(line) ends inside a string: truncated line"
                inString = false
            } else if escaped {
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else if byte == 0x22 {
                inString = false
            }
            keep(byte)
            if !inString && depth == 0 { complete(into: &pieces) }
            return
        }
        if depth == 0 && (byte == 0x2C || byte == 0x7D || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) {
            complete(into: &pieces)  // end of a number or literal
            return step(byte, line: line, indent: nil, into: &pieces)
        }
        keep(byte)
        if byte == 0x22 {
            inString = true
        } else if byte == 0x5B || byte == 0x7B {
            depth += 1
        } else if (byte == 0x5D || byte == 0x7D) && depth > 0 {
            depth -= 1
            if depth == 0 { complete(into: &pieces) }
        }
    }

    private mutating func keep(_ byte: UInt8) {
        if json.count < maxMemberBytes { json.append(byte) } else { damage = damage ?? "value exceeds \(maxMemberBytes) bytes" }
    }

    private mutating func complete(into pieces: inout [Piece]) {
        pieces.append(.member(Member(key: keyText, line: memberLine, json: json, damage: damage)))
        (json, state) = ([], .afterValue)
    }

    private mutating func fail(_ reason: String, _ line: Int, _ pieces: inout [Piece]) {
        pieces.append(.rejection(FeedRejection(location: FeedLocation(line: line), reason: reason)))
        state = .failed
    }

    private static func show(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}
