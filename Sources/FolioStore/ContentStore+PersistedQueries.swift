import Crypto
public import Foundation
import GRDB

/// A registered document.
public struct PersistedQuery: Sendable, Equatable {
    public var hash: String
    public var name: String?
    public var createdAt: Date
}

extension ContentStore {
    /// Lower-case hex SHA-256 of a text: token hashes and persisted-query ids.
    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Registers a document; returns its hash. Registering the same text again changes nothing.
    @discardableResult
    public func registerQuery(_ document: String, name: String?, now: Date = Date()) async throws -> String {
        let hash = Self.sha256Hex(document)
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO persisted_queries (hash, document, name, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (hash) DO NOTHING
                """, arguments: [hash, document, name, Columns.seconds(now)])
        }
        return hash
    }

    /// The registered document with this hash, if any.
    public func persistedQuery(hash: String) async throws -> String? {
        try readStatement { db in
            try db.one("SELECT document FROM persisted_queries WHERE hash = ?", [.text(hash)]) { $0.text(0) }
        }
    }

    public func persistedQueries() async throws -> [PersistedQuery] {
        try readStatement { db in
            try db.all("SELECT hash, name, created_at FROM persisted_queries ORDER BY created_at, hash") {
                PersistedQuery(hash: $0.text(0), name: $0.optionalText(1), createdAt: Columns.date($0.int64(2)))
            }
        }
    }
}
