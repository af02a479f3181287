@testable import FolioStore
import Foundation
import Testing

/// The request path's statements: kept prepared per connection, one at a time per SQL text.
struct SQLiteReaderTests {
    @Test func keptStatementsRunAgainAndNestedRunsOfTheSameSQLGetTheirOwn() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.save([StoreFixture.author(), StoreFixture.article("a"), StoreFixture.article("b"),
                                      StoreFixture.article("c")])
        let pool = ReadPool(path: fixture.folder.appending(path: "folio.sqlite").path, onStatement: nil, onRead: nil)
        let slugs = "SELECT slug FROM articles ORDER BY slug"
        let pairs = try pool.read(snapshot: true) { reader in
            var pairs: [String] = []
            // The same SQL inside its own rows: the inner run must not reset the outer statement.
            var outerRows = 0
            try reader.each(slugs) { outer in
                // A reset outer statement would start over forever: stop it instead.
                outerRows += 1
                guard outerRows <= 3 else { throw CancellationError() }
                let first = outer.text(0)
                try reader.each(slugs) { inner in pairs.append(first + inner.text(0)) }
            }
            return pairs
        }
        #expect(pairs == ["aa", "ab", "ac", "ba", "bb", "bc", "ca", "cb", "cc"])
        // Afterwards the kept statement is free again, with its bindings cleared.
        for slug in ["a", "b", "zz"] {
            let found = try pool.read(snapshot: false) { reader in
                try reader.one("SELECT slug FROM articles WHERE slug = ?", [.text(slug)]) { $0.text(0) }
            }
            #expect(found == (slug == "zz" ? nil : slug))
        }
        // Texts of one length that agree in their first and last 16 bytes are still different statements.
        let counts = try pool.read(snapshot: false) { reader in
            try ["SELECT count(*) + 1 FROM articles WHERE 1 = 1", "SELECT count(*) + 2 FROM articles WHERE 1 = 1"]
                .map { try reader.integer($0) }
        }
        #expect(counts == [4, 5])
    }
}
