import Foundation

/// Splits a JSON document holding one top-level array into the byte ranges of its elements,
/// without decoding them, so that one broken element costs only itself.
///
/// The scan tracks strings, escapes and bracket nesting only. An element that is cut off (a string
/// running past the end of its line, brackets that do not match, the end of the document) is
/// reported as a broken piece, and the scan resumes at the next line whose first non-blank
/// character is `{`, indented no deeper than the broken element: pretty-printed arrays recover,
/// a single-line document loses the rest, reported as one piece. Total work is bounded (about
/// eight passes over the document), whatever the input.
enum JSONArrayElements {
    /// One element, or a broken stretch of the document.
    struct Piece: Equatable {
        /// The element's bytes, or the broken stretch.
        var bytes: Range<Int>
        /// The line the piece starts on.
        var line: Int
        /// Why the piece is broken; nil for an element to decode.
        var problem: String?
    }

    /// The pieces of `bytes`, whose first line is `firstLine`, in document order.
    static func split(_ bytes: [UInt8], firstLine: Int = 1) -> [Piece] {
        let n = bytes.count
        var pieces: [Piece] = []
        var i = 0, line = firstLine, budget = 8 * n + 4096
        func skipSpace() {
            while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A {
                if bytes[i] == 0x0A { line += 1 }
                i += 1
            }
        }
        skipSpace()
        guard i < n else { return [Piece(bytes: 0..<n, line: firstLine, problem: "the document is empty; expected a JSON array")] }
        guard bytes[i] == 0x5B else { return [Piece(bytes: i..<n, line: line, problem: "the document is not a JSON array")] }
        i += 1
        while true {
            skipSpace()
            if i < n, bytes[i] == 0x2C, !pieces.isEmpty {
                i += 1
                skipSpace()
            }
            guard i < n else {
                pieces.append(Piece(bytes: n..<n, line: line, problem: "the document ends before the closing ] (truncated?)"))
                return pieces
            }
            if bytes[i] == 0x5D {
                i += 1
                skipSpace()
                if i < n { pieces.append(Piece(bytes: i..<n, line: line, problem: "text after the end of the array")) }
                return pieces
            }
            let start = i, startLine = line
            var stack: [UInt8] = []
            var inString = false, escaped = false
            var problem: String?
            scan: while i < n {
                let byte = bytes[i]
                if inString {
                    if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 {
                        inString = false
                    } else if byte < 0x20 {
                        problem = byte == 0x0A ? "a string runs past the end of its line (truncated object?)"
                            : "control character inside a string"
                        break scan
                    }
                    i += 1
                    continue
                }
                switch byte {
                case 0x22: inString = true
                case 0x7B: stack.append(0x7D)
                case 0x5B: stack.append(0x5D)
                case 0x7D, 0x5D:
                    guard let open = stack.popLast() else {
                        if byte == 0x5D { break scan }
                        problem = "unexpected }"
                        break scan
                    }
                    guard open == byte else {
                        problem = "brackets do not match (truncated object?)"
                        break scan
                    }
                    if stack.isEmpty {
                        i += 1
                        break scan
                    }
                case 0x2C where stack.isEmpty: break scan
                case 0x0A: line += 1
                default: break
                }
                i += 1
            }
            if problem == nil, inString || !stack.isEmpty { problem = "the element is cut off by the end of the document" }
            if problem == nil, i == start {
                pieces.append(Piece(bytes: start..<start, line: startLine, problem: "missing value between commas"))
                i += 1
                continue
            }
            budget -= i - start
            guard let reason = problem else {
                pieces.append(Piece(bytes: start..<i, line: startLine, problem: nil))
                continue
            }
            let resume = budget > 0 ? resyncPoint(bytes, after: start) : nil
            let end = resume ?? n
            pieces.append(Piece(bytes: start..<end, line: startLine, problem: reason))
            guard let resume else { return pieces }
            budget -= resume - start
            line = startLine + bytes[start..<resume].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            i = resume
        }
    }

    /// The start of the next line after `start` whose first non-blank byte is `{`, indented no
    /// deeper than the element at `start`.
    static func resyncPoint(_ bytes: [UInt8], after start: Int) -> Int? {
        let lineStart = bytes[..<start].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = start - lineStart
        var j = start
        while let newline = bytes[j...].firstIndex(of: 0x0A) {
            var k = newline + 1
            while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x0D { k += 1 }
            if k < bytes.count, bytes[k] == 0x7B, k - newline - 1 <= column { return k }
            j = k
        }
        return nil
    }

    /// The scalar after the first `"key":` in `bytes` (digits, letters, `-`, `_`), unquoted; a hint
    /// to name a broken element by its id.
    static func scalar(after key: String, in bytes: ArraySlice<UInt8>) -> String? {
        let needle = Array("\"\(key)\"".utf8)
        guard needle.count <= bytes.count else { return nil }
        var at = bytes.startIndex
        while at + needle.count <= bytes.endIndex, !bytes[at..<at + needle.count].elementsEqual(needle) { at += 1 }
        var k = at + needle.count
        while k < bytes.endIndex, bytes[k] == 0x20 || bytes[k] == 0x3A || bytes[k] == 0x22 || bytes[k] == 0x09 { k += 1 }
        let valueStart = k
        while k < bytes.endIndex, bytes[k] == 0x2D || bytes[k] == 0x5F || (0x30...0x39).contains(bytes[k])
            || (0x41...0x5A).contains(bytes[k]) || (0x61...0x7A).contains(bytes[k]) { k += 1 }
        guard k > valueStart, k - valueStart <= 64 else { return nil }
        return String(decoding: bytes[valueStart..<k], as: UTF8.self)
    }

    /// A JSON value as a document format's mapping needs it: scalars kept, structures ignored.
    enum Scalar: Decodable, Equatable {
        case string(String), integer(Int), bool(Bool), null, other

        /// Decodes any JSON value; a nested object or array, or a fractional number, is `.other`.
        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() { self = .null } else if let bool = try? value.decode(Bool.self) { self = .bool(bool) }
            else if let int = try? value.decode(Int.self) { self = .integer(int) }
            else if let string = try? value.decode(String.self) { self = .string(string) }
            else { self = .other }
        }
    }

    /// Decodes one element as a JSON object of scalars, or says why it is none.
    static func object(_ bytes: ArraySlice<UInt8>) -> Result<[String: Scalar], ObjectProblem> {
        guard bytes.first == 0x7B else { return .failure(ObjectProblem(reason: "the array element is not a JSON object")) }
        do { return .success(try JSONDecoder().decode([String: Scalar].self, from: Data(bytes))) } catch {
            return .failure(ObjectProblem(reason: "the array element is not valid JSON"))
        }
    }

    /// Why an element is no JSON object.
    struct ObjectProblem: Error {
        /// One sentence.
        var reason: String
    }
}
