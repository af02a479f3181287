import FolioContent
public import Foundation
import GRDB

/// What a token may do.
public enum TokenScope: String, Sendable, CaseIterable {
    /// Sees drafts and scheduled content.
    case preview
    /// Syndication partners (feeds and delta pulls).
    case partner
}

/// A stored token, without its secret.
public struct TokenInfo: Sendable, Equatable {
    public var name: String
    public var scope: TokenScope
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
}

/// Why a presented token is refused.
public enum TokenRejection: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown, expired, revoked

    public var description: String {
        switch self {
        case .unknown: "The token is not valid."
        case .expired: "The token has expired."
        case .revoked: "The token has been revoked."
        }
    }
}

extension ContentStore {
    /// Creates a token and returns it; only its SHA-256 hash is stored, so this is the one time the
    /// token can be read.
    ///
    /// The name is how `token list` shows it and `token revoke` finds it: it needs a visible
    /// character and no control characters (a line break would split the list's row).
    public func createToken(name: String, scope: TokenScope, expiresAt: Date?, now: Date = Date()) async throws -> String {
        if name.allSatisfy(\.isWhitespace) {
            throw ContentError.invalidField(field: "name", reason: "a token needs a name to be listed and revoked by")
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ContentError.invalidField(field: "name", reason: "must not hold control characters such as line breaks or tabs")
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let token = "folio_\(scope.rawValue)_\(secret)"
        do {
            try await pool.write { db in
                try db.execute(sql: """
                    INSERT INTO api_tokens (name, scope, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [name, scope.rawValue, Self.hash(token), Columns.seconds(now), Columns.maybeSeconds(expiresAt)])
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw ContentError.invalidField(field: "name", reason: "a token named \"\(name)\" is in force; revoke it first or choose another name")
        }
        return token
    }

    public func tokens() async throws -> [TokenInfo] {
        try readStatement { db in
            try db.all("SELECT name, scope, created_at, expires_at, revoked_at FROM api_tokens ORDER BY name, id") {
                TokenInfo(name: $0.text(0), scope: TokenScope(rawValue: $0.text(1)) ?? .preview,
                          createdAt: Columns.date($0.int64(2)), expiresAt: Columns.maybeDate($0.optionalInt64(3)),
                          revokedAt: Columns.maybeDate($0.optionalInt64(4)))
            }
        }
    }

    public func revokeToken(name: String, now: Date = Date()) async throws {
        let changed = try await pool.write { db in
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                           arguments: [Columns.seconds(now), name])
            return db.changesCount
        }
        if changed == 0 {
            throw ContentError.invalidField(field: "name", reason: "no token in force is named \"\(name)\"")
        }
    }

    /// The scope of a presented token, or why it is refused.
    public func verifyToken(_ token: String, now: Date = Date()) async throws -> Result<TokenScope, TokenRejection> {
        let hash = Self.hash(token)
        return try readStatement { db in
            let found = try db.one("SELECT scope, expires_at, revoked_at FROM api_tokens WHERE token_hash = ?", [.text(hash)]) { row in
                (scope: row.text(0), expires: row.optionalInt64(1), revoked: row.optionalInt64(2))
            }
            guard let found else { return .failure(.unknown) }
            if found.revoked != nil { return .failure(.revoked) }
            if let expires = found.expires, expires <= Columns.seconds(now) { return .failure(.expired) }
            return .success(TokenScope(rawValue: found.scope) ?? .preview)
        }
    }

    static func hash(_ token: String) -> String { sha256Hex(token) }
}
