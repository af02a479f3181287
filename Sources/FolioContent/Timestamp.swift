public import Foundation

/// Instants as RFC 3339 text in UTC with whole seconds (`2026-11-24T09:30:00Z`): the one format
/// used in front matter, the database and the API.
public enum Timestamp {
    /// Parses `2026-11-24T09:30:00Z`, an offset form (`+01:00`), fractional seconds, or a bare date
    /// (`2026-11-24`, midnight UTC), with blanks around it. Nil when the text is none of these, or
    /// names a day or time that does not exist (see `isRFC3339`).
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard isRFC3339(Array(trimmed.utf8)) else { return nil }
        if trimmed.utf8.count == 10 { return try? Date(trimmed + "T00:00:00Z", strategy: .iso8601) }
        // RFC 3339 lets `T` and `Z` be written in lower case; Foundation takes upper case only.
        let upper = trimmed.uppercased()
        guard let date = (try? Date(upper, strategy: .iso8601)) ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(upper))
        else { return nil }
        // An offset or a leap second can carry the instant out of years 0000–9999 in UTC, which
        // four digits cannot write back (a filter given one was dropped, not applied).
        return representable.contains(date) ? date : nil
    }

    /// The instants whose UTC year has four digits, as Foundation reads them.
    static let representable: Range<Date> = {
        let first = try! Date("0000-01-01T00:00:00Z", strategy: .iso8601)
        let last = try! Date("9999-12-31T23:59:59Z", strategy: .iso8601)
        return first..<last.addingTimeInterval(1)
    }()

    /// Whether `text` is an RFC 3339 date (`full-date`) or date-time with every field in range:
    /// months 1–12, days that the month has, hours 0–23, minutes 0–59, seconds 0–59 or a leap
    /// second at 23:59:60 UTC, offsets up to ±23:59. Foundation's reader checks the shape alone: it
    /// took 30 February as 2 March, hour 24 as the next day, and text after the zone as nothing.
    /// Years before 1583 count leap days as the Julian calendar did, as Foundation reads them.
    static func isRFC3339(_ text: [UInt8]) -> Bool {
        func number(_ start: Int, _ digits: Int) -> Int? {
            guard start + digits <= text.count else { return nil }
            var value = 0
            for byte in text[start..<start + digits] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        /// Whether the byte at `index` is one of `bytes`.
        func byte(_ index: Int, in bytes: StaticString) -> Bool {
            index < text.count && UnsafeBufferPointer(start: bytes.utf8Start, count: bytes.utf8CodeUnitCount).contains(text[index])
        }
        guard let year = number(0, 4), byte(4, in: "-"), let month = number(5, 2), byte(7, in: "-"), let day = number(8, 2),
              (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year < 1583 || year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...monthDays).contains(day) else { return false }
        if text.count == 10 { return true }
        guard byte(10, in: "Tt"), let hour = number(11, 2), byte(13, in: ":"), let minute = number(14, 2), byte(16, in: ":"),
              let second = number(17, 2), hour <= 23, minute <= 59, second <= 60 else { return false }
        var index = 19
        if byte(index, in: ".") {
            index += 1
            let digits = index
            while number(index, 1) != nil { index += 1 }
            guard index > digits else { return false }
        }
        var offset = 0
        if byte(index, in: "Zz") {
            index += 1
        } else {
            guard byte(index, in: "+-"), let hours = number(index + 1, 2), byte(index + 3, in: ":"),
                  let minutes = number(index + 4, 2), hours <= 23, minutes <= 59 else { return false }
            offset = (hours * 60 + minutes) * (text[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        }
        guard index == text.count else { return false }
        // A leap second comes at the end of a UTC day only.
        return second < 60 || ((hour * 60 + minute - offset) % 1440 + 1440) % 1440 == 1439
    }

    /// The canonical text of an instant, truncated to whole seconds: what Foundation's `.iso8601`
    /// style writes, built by hand because the API writes several per article and the format
    /// style costs microseconds each. Foundation counts days before the Gregorian reform
    /// (1582-10-15) in the Julian calendar, and `parse` reads them so; those instants are left to
    /// it, so that text read and written again stays the same.
    public static func format(_ date: Date) -> String {
        format(date, withMilliseconds: false)
    }

    /// The same with the milliseconds (truncated) before the `Z`, `2026-11-24T09:30:00.250Z`: the
    /// time of a log line.
    public static func format(_ date: Date, withMilliseconds: Bool) -> String {
        let instant = date.timeIntervalSince1970
        let seconds = Int64(instant.rounded(.down))
        guard seconds >= gregorianReform, seconds < 253_402_300_800 else {
            return withMilliseconds ? Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
                                    : truncate(date).formatted(.iso8601)
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = civil(fromDaysSince1970: days)
        let second = seconds - days * 86_400
        let milliseconds = withMilliseconds ? min(999, max(0, Int64((instant - Double(seconds)) * 1000))) : 0
        // Written in place: no array of bytes and no list of separators to build for each date.
        return String(unsafeUninitializedCapacity: withMilliseconds ? 24 : 20) { bytes in
            func put(_ value: Int64, _ digits: Int, at offset: Int, then separator: UInt8) {
                var rest = value
                for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                    bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                bytes[offset + digits] = separator
            }
            put(year, 4, at: 0, then: UInt8(ascii: "-")); put(month, 2, at: 5, then: UInt8(ascii: "-"))
            put(day, 2, at: 8, then: UInt8(ascii: "T")); put(second / 3600, 2, at: 11, then: UInt8(ascii: ":"))
            put(second / 60 % 60, 2, at: 14, then: UInt8(ascii: ":"))
            if withMilliseconds {
                put(second % 60, 2, at: 17, then: UInt8(ascii: "."))
                put(milliseconds, 3, at: 20, then: UInt8(ascii: "Z"))
                return 24
            }
            put(second % 60, 2, at: 17, then: UInt8(ascii: "Z"))
            return 20
        }
    }

    /// 1582-10-15T00:00:00Z, the first day of the Gregorian calendar.
    static let gregorianReform: Int64 = -12_219_292_800

    /// The proleptic Gregorian date of a day count from 1970-01-01: shift the epoch to 0000-03-01
    /// so that leap days fall at the end of each year, then count 400-year eras (146,097 days),
    /// years within the era, and months of 153 days per five.
    static func civil(fromDaysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// An instant truncated to whole seconds, as stored.
    public static func truncate(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
