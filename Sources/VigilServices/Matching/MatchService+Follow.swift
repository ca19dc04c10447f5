import VigilMatch
import VigilStore

extension MatchService {
    /// Follows the log at `path` as it grows (`vigil match --follow`, a sensor of `vigil serve`)
    /// until the task is cancelled: across rotations (a new file under the name, or truncation)
    /// after reading the old file to its end, and from the checkpoint of `observer` on `path`
    /// after a restart, so that no line is matched twice or skipped. `onBatch` sees each batch's
    /// counts.
    public func follow(
        path: String, format: TelemetryFormat, observer: String, options: ScanOptions,
        onBatch: (@Sendable (ScanStatistics) -> Void)? = nil
    ) async throws {
        let observer = String(observer.prefix(200))
        var resume = try await MatchCheckpointStore(database.sql).find(observer: observer, input: path)
        while !Task.isCancelled {
            let file = try await FollowedFile(path: path, resume: resume.map { ($0.fileID, $0.byteOffset) })
            let resumedLine = file.startOffset > 0 ? resume?.line ?? 0 : 0
            // Resumed in the middle, the scanner still needs the file's header to know its columns.
            let header = file.startOffset > 0 ? try file.header(withHeaderLine: format == .flowCSV) : []
            let fileID = file.fileID
            var position = (bytes: file.startOffset, lines: resumedLine)
            _ = try await run(
                read: { try await file.next() }, firstLine: Int(resumedLine) + 1, header: header, inputName: path,
                format: format, observer: observer, options: options,
                checkpoint: { counts in
                    position.bytes += Int64(counts.bytes)
                    position.lines += Int64(counts.lines)
                    return MatchCheckpointStore.Checkpoint(
                        observer: observer, input: path, fileID: fileID, byteOffset: position.bytes, line: position.lines)
                }, onBatch: onBatch)
            resume = nil
        }
    }
}
