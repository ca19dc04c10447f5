import Foundation

/// Transfer and header encodings used by ``MailMessage/rendered()``.
///
/// Everything here produces 7-bit ASCII so that messages never need 8BITMIME.
enum MIMEEncoding {
    static let crlf: [UInt8] = [13, 10]
    /// RFC 2045 limit for base64 and quoted-printable lines (excluding CRLF).
    static let maxEncodedLineLength = 76
    /// Encoded words are kept this short so that `Name: =?utf-8?B?...?=` fits in 76 columns
    /// for any header name up to 14 characters without an extra fold.
    static let maxEncodedWordLength = 60

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let b0 = iterator.next() {
            let b1 = iterator.next()
            let b2 = iterator.next()
            out.append(base64Alphabet[Int(b0 >> 2)])
            out.append(base64Alphabet[Int((b0 & 0x03) << 4 | (b1 ?? 0) >> 4)])
            out.append(b1.map { base64Alphabet[Int(($0 & 0x0F) << 2 | (b2 ?? 0) >> 6)] } ?? UInt8(ascii: "="))
            out.append(b2.map { base64Alphabet[Int($0 & 0x3F)] } ?? UInt8(ascii: "="))
        }
        return out
    }

    /// Base64 body in CRLF-terminated lines of at most 76 characters.
    static func base64Lines(_ bytes: [UInt8]) -> [UInt8] {
        let encoded = base64(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + encoded.count / maxEncodedLineLength * 2 + 2)
        var start = 0
        while start < encoded.count {
            let end = min(start + maxEncodedLineLength, encoded.count)
            out.append(contentsOf: encoded[start..<end])
            out.append(contentsOf: crlf)
            start = end
        }
        return out
    }

    /// Quoted-printable (RFC 2045 §6.7) of text whose line breaks are already CRLF.
    /// Hard line breaks stay literal; soft breaks keep every line within 76 characters.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for (index, line) in splitLines(bytes).enumerated() {
            if index > 0 { out.append(contentsOf: crlf) }
            var column = 0
            for (offset, byte) in line.enumerated() {
                let isLast = offset == line.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                    // Trailing whitespace would be stripped by relays, so only interior blanks stay literal.
                    || ((byte == 32 || byte == 9) && !isLast)
                let token: [UInt8] = literal ? [byte] : hexEscape(byte)
                // Reserve one column for the soft-break "=" unless this token ends the line.
                let limit = isLast ? maxEncodedLineLength : maxEncodedLineLength - 1
                if column + token.count > limit {
                    out.append(contentsOf: [UInt8(ascii: "=")] + crlf)
                    column = 0
                }
                out.append(contentsOf: token)
                column += token.count
            }
        }
        return out
    }

    private static func hexEscape(_ byte: UInt8) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        return [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
    }

    /// Splits CRLF-terminated text into lines (without terminators).
    static func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                lines.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }

    /// Converts CR, LF and CRLF line breaks to CRLF, so no bare CR or LF reaches the wire.
    static func normalizeLineBreaks(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case 13:
                out.append(contentsOf: crlf)
                previousWasCR = true
            case 10:
                if !previousWasCR { out.append(contentsOf: crlf) }
                previousWasCR = false
            default:
                out.append(byte)
                previousWasCR = false
            }
        }
        return out
    }

    /// RFC 2047 B-encoded words, split only between characters (never inside a UTF-8 sequence,
    /// which RFC 2047 §5 forbids) and each at most ``maxEncodedWordLength`` long.
    static func encodedWords(_ text: String) -> [String] {
        let overhead = "=?utf-8?B?".utf8.count + "?=".utf8.count
        let maxBytes = (maxEncodedWordLength - overhead) / 4 * 3
        var words: [String] = []
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            words.append("=?utf-8?B?" + String(decoding: base64(current), as: UTF8.self) + "?=")
            current.removeAll(keepingCapacity: true)
        }
        func append(_ piece: [UInt8]) {
            if current.count + piece.count > maxBytes { flush() }
            current.append(contentsOf: piece)
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= maxBytes {
                append(bytes)
            } else {
                // Pathologically long grapheme clusters are split between scalars instead.
                for scalar in character.unicodeScalars { append(Array(String(scalar).utf8)) }
            }
        }
        flush()
        return words
    }

    /// Folds a header into lines of at most 76 columns where possible (RFC 5322 §2.2.3).
    ///
    /// `segments` after the first must begin with whitespace: folding inserts CRLF before that
    /// whitespace, so unfolding restores the value exactly.
    static func foldedHeader(name: String, segments: [String]) -> [UInt8] {
        var lines: [String] = []
        var line = name + ":"
        for (index, segment) in segments.enumerated() {
            let piece = index == 0 ? " " + segment : segment
            if line.utf8.count + piece.utf8.count > maxEncodedLineLength, line != name + ":" {
                lines.append(line)
                line = piece
            } else {
                line += piece
            }
        }
        lines.append(line)
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// Segments for an unstructured header value (Subject, extra headers).
    static func unstructuredSegments(_ value: String) -> [String] {
        let isPlain = value.utf8.allSatisfy { ($0 >= 32 && $0 <= 126) || $0 == 9 } && !value.contains("=?")
        if isPlain {
            let segments = whitespaceSegments(value)
            // A word that cannot be folded would break the 998-octet line limit; encode instead.
            if segments.allSatisfy({ $0.utf8.count <= 900 }) { return segments }
        }
        let words = encodedWords(value)
        return words.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }
    }

    /// Splits text into runs of "leading whitespace + word"; the first run carries no leading
    /// whitespace because the header writer adds the single space after the colon.
    static func whitespaceSegments(_ value: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var inWord = false
        for character in value {
            let isBlank = character == " " || character == "\t"
            if isBlank && inWord {
                segments.append(current)
                current = ""
                inWord = false
            }
            current.append(character)
            if !isBlank { inWord = true }
        }
        if !current.isEmpty { segments.append(current) }
        return segments.isEmpty ? [""] : segments
    }

    /// Characters allowed unencoded in RFC 2231 extended parameter values (attribute-char).
    private static func isAttributeChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$&+-.^_`|~".utf8).contains(byte)
        }
    }

    /// Parameter segments (each starting with " ", joined by ";") for a filename-like parameter.
    /// Short printable ASCII values are quoted; anything else uses RFC 2231 percent-encoding with
    /// continuations so that each folded line stays within 76 columns.
    static func parameterSegments(name: String, value: String) -> [String] {
        let plain = value.utf8.allSatisfy { $0 >= 32 && $0 <= 126 }
        if plain, value.utf8.count <= 50 {
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return [" \(name)=\"\(escaped)\""]
        }
        var tokens: [String] = []
        for byte in value.utf8 {
            if isAttributeChar(byte) {
                tokens.append(String(UnicodeScalar(byte)))
            } else {
                tokens.append("%" + String(decoding: hexEscape(byte).dropFirst(), as: UTF8.self))
            }
        }
        var chunks: [String] = []
        var chunk = ""
        for token in tokens {
            if chunk.utf8.count + token.utf8.count > 45 {
                chunks.append(chunk)
                chunk = ""
            }
            chunk += token
        }
        chunks.append(chunk)
        if chunks.count == 1 { return [" \(name)*=utf-8''\(chunks[0])"] }
        return chunks.enumerated().map { index, chunk in
            index == 0 ? " \(name)*0*=utf-8''\(chunk)" : " \(name)*\(index)*=\(chunk)"
        }
    }
}
