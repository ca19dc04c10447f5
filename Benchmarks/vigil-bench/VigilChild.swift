import Foundation

/// The `vigil` binary run as a child process by the store benchmarks, so that its wall time and
/// peak memory are its own.
enum VigilChild {
    /// The `vigil` built beside `vigil-bench`.
    static func binary() throws -> String {
        let vigil = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("vigil").path
        guard FileManager.default.isExecutableFile(atPath: vigil) else {
            throw BenchmarkError(description: "build the vigil binary beside vigil-bench first (swift build -c release)")
        }
        return vigil
    }

    /// This process's environment without `VIGIL_DATABASE_URL`, so `--data` decides the store.
    static func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "VIGIL_DATABASE_URL")
        return environment
    }

    /// One finished child.
    struct Launch {
        var seconds: Double
        var maxRSSMegabytes: Int
        var output: String
    }

    /// Runs a child to completion; its wall time, and the peak RSS of the largest child waited for so far
    /// (`getrusage(RUSAGE_CHILDREN)`), an upper bound for this child's.
    static func launch(_ path: String, _ arguments: [String], environment: [String: String]) throws -> Launch {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        let start = ContinuousClock.now
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard process.terminationStatus == 0 else {
            throw BenchmarkError(description: "vigil \(arguments.prefix(2).joined(separator: " ")) failed (status \(process.terminationStatus)): \(String(decoding: text, as: UTF8.self))")
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return Launch(seconds: seconds, maxRSSMegabytes: Int(usage.ru_maxrss) / 1024, output: String(decoding: text, as: UTF8.self))
    }

    /// Starts a long-running child (a server) writing its output to `log`; the caller terminates it.
    static func start(_ path: String, _ arguments: [String], environment: [String: String], log: String) throws -> Process {
        FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }

    /// The peak resident memory of a running child in MB (`VmHWM`), or 0 when unknown.
    static func peakRSSMegabytes(of process: Process) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return (line?.split(separator: " ").dropFirst().first).flatMap { Int($0) }.map { $0 / 1024 } ?? 0
    }
}
