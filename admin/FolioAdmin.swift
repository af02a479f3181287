import ArgumentParser
import FolioContent
import FolioStore
import Foundation

/// `folio-admin`: the editors' command line.
struct FolioAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio-admin",
        abstract: "Manage Folio's content: import and export files, publish, link, review history, back up.",
        discussion: """
            Every command works on one SQLite database: --database PATH, or FOLIO_DATABASE, or
            data/folio.sqlite. Start with `folio-admin init` and `folio-admin seed`.

            Exit codes: 0 done, 1 a problem (explained in one sentence), 2 a mistake in the command line.
            """,
        subcommands: [
            Init.self, Migrate.self, Seed.self, Import.self, Export.self,
            ArticleCommand.self, AuthorCommand.self, ProcedureCommand.self,
            Link.self, Unlink.self, History.self, Restore.self,
            Backup.self, Check.self, Generate.self, SchemaCommand.self, Query.self, TokenCommand.self,
            QueriesCommand.self,
        ])
}

/// Runs the command and turns failures into the documented exit codes: 1 with one sentence for a
/// problem, 2 for a command-line mistake (ArgumentParser's own usage code is 64).
@main
enum Main {
    static func main() async {
        do {
            var command = try FolioAdmin.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let problem as Problem {
            report(problem.message)
        } catch let problem as ContentFilesProblem {
            report(problem.description)
        } catch let error as EntryError {
            report(error.description)
        } catch let error as ContentError {
            report(error.description)
        } catch let error as ContentFileError {
            report(error.description)
        } catch let error as CocoaError {
            report(FileSystemFailure.describe(error))
        } catch {
            let code = FolioAdmin.exitCode(for: error)
            if code == .success {
                FolioAdmin.exit(withError: error)  // --help and friends
            } else if code == .validationFailure || code.rawValue == 64 {
                FileHandle.standardError.write(Data((FolioAdmin.fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            } else {
                report(String(describing: error))
            }
        }
    }

    static func report(_ message: String) -> Never {
        FileHandle.standardError.write(Data("folio-admin: \(message)\n".utf8))
        Foundation.exit(1)
    }
}

/// A failure the command explains itself, in one sentence an editor can act on.
struct Problem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
