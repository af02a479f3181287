public import ArgumentParser
import FolioStore
import Foundation

extension TokenScope: ExpressibleByArgument {}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list and revoke API access tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it once; only its SHA-256 hash is stored.",
            discussion: "folio-admin token create --name staging-site --scope preview --expires 7d")
        @OptionGroup var store: StoreOptions
        @Option(help: "A name to recognise it by in `token list`.") var name: String
        @Option(help: "preview (drafts and scheduled content) or partner (syndication).") var scope: TokenScope
        @Option(help: ArgumentHelp("Lifetime: 12h, 7d, 4w; none by default.", valueName: "duration")) var expires: String?

        func validate() throws {
            if let expires, Self.seconds(expires) == nil {
                throw ValidationError("--expires \"\(expires)\" is not a duration; write 12h, 7d or 4w, up to 3650d")
            }
        }

        /// A whole number of hours, days or weeks, at most ten years: a count read as a `Double`
        /// took fractions, exponents and `inf`, and a lifetime past Int64 seconds crashed the write.
        static func seconds(_ text: String) -> TimeInterval? {
            let digits = text.utf8.dropLast()
            guard let unit = text.utf8.last, (1...6).contains(digits.count),
                  digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let count = Int(String(decoding: digits, as: UTF8.self)), count > 0 else { return nil }
            let seconds: Int
            switch unit {
            case UInt8(ascii: "h"): seconds = count * 3600
            case UInt8(ascii: "d"): seconds = count * 86400
            case UInt8(ascii: "w"): seconds = count * 604_800
            default: return nil
            }
            return seconds <= 3650 * 86400 ? TimeInterval(seconds) : nil
        }

        func run() async throws {
            let expiresAt = expires.flatMap(Self.seconds).map { Date().addingTimeInterval($0) }
            let token = try await store.open().createToken(name: name, scope: scope, expiresAt: expiresAt)
            print(token)
            FileHandle.standardError.write(Data("Store this token now: it cannot be shown again.\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let now = Date()
            Output.table(["NAME", "SCOPE", "CREATED", "EXPIRES", "STATE"], try await store.open().tokens().map { token in
                let state = token.revokedAt != nil ? "revoked" : (token.expiresAt.map { $0 <= now } ?? false) ? "expired" : "active"
                return [token.name, token.scope.rawValue, Output.date(token.createdAt), Output.date(token.expiresAt), state]
            })
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: requests using it get 401 from then on.")
        @OptionGroup var store: StoreOptions
        @ArgumentParser.Argument(help: "The token's name.") var name: String

        func run() async throws {
            try await store.open().revokeToken(name: name)
            print("Revoked \(name).")
        }
    }
}
