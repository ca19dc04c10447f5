/// Calendar arithmetic the parsers of logs and feeds share, without Foundation's calendars
/// (which allocate and are slow on a hot path).
public enum CivilDate {
    /// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (Howard
    /// Hinnant's `days_from_civil`).
    @inline(__always)
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    @inline(__always)
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `millis` (Unix milliseconds) as RFC 3339 UTC to the second, `2026-11-26T04:05:00Z`, as
    /// Foundation's ISO 8601 formatter writes it, without building one per call.
    public static func rfc3339(millis: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        appendRFC3339(millis: millis, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `rfc3339(millis:)`'s text to `bytes` (for writers that build a whole file).
    public static func appendRFC3339(millis: Int64, to bytes: inout [UInt8]) {
        let seconds = Int(millis >= 0 ? millis / 1000 : (millis - 999) / 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func digits(_ n: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            if n >= divisor * 10 { for b in String(n).utf8 { bytes.append(b) }; return }
            while divisor > 0 {
                bytes.append(0x30 + UInt8(n / divisor % 10))
                divisor /= 10
            }
        }
        if year < 0 { bytes.append(0x2D) }
        digits(abs(year), 4); bytes.append(0x2D); digits(month, 2); bytes.append(0x2D); digits(day, 2)
        bytes.append(0x54); digits(inDay / 3600, 2); bytes.append(0x3A); digits(inDay / 60 % 60, 2); bytes.append(0x3A)
        digits(inDay % 60, 2); bytes.append(0x5A)
    }
}
