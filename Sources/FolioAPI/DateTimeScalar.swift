import FolioContent
import Foundation
import GraphQLEngine

/// `DateTime`: RFC 3339 text in UTC, whole seconds.
enum DateTimeScalar {
    static let coercion = ScalarCoercion(
        serialize: { value in
            if let date = value as? Date { return .string(Timestamp.format(date)) }
            throw CoercionError("DateTime cannot represent value: \(value)")
        },
        parseValue: parse, parseLiteral: parse)

    /// A variable's value or a literal in the document: the same text, the same error.
    @Sendable private static func parse(_ value: ConstValue) throws -> ConstValue {
        guard case .string(let text) = value, let date = Timestamp.parse(text) else {
            throw CoercionError("DateTime cannot represent \(value.json); write RFC 3339, e.g. 2026-11-24T09:30:00Z")
        }
        return .string(Timestamp.format(date))
    }
}
