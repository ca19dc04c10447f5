import ArgumentParser
import Foundation
import VigilCore
import VigilServices
import VigilStore

/// The `vigil` command.
@main
struct Vigil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "Threat monitoring and mitigation for CERTs and network operators.",
        subcommands: [
            InitCommand.self, ServeCommand.self, DemoCommand.self, UserCommand.self, TokenCommand.self,
            IndicatorCommand.self, OrgCommand.self, AuditCommand.self, IngestCommand.self, SourceCommand.self, AllowlistCommand.self,
            BlocklistCommand.self, OrderCommand.self, AppealCommand.self, MatchCommand.self, NoticeCommand.self, ExportCommand.self,
        ])

    /// Exit status 0 on success, 1 on an error the user can fix (message says what and where), 2 on usage errors.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 1 {
                FileHandle.standardError.write(Data("vigil: error: \(error)\n".utf8))
                Foundation.exit(1)
            }
            if code.rawValue == ExitCode.validationFailure.rawValue {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
