import Foundation

/// A log file read as it grows (`tail -F`): at its end it waits for more, and when the path is
/// rotated (a new file under the name, or the file truncated) it finishes the old file first.
final class FollowedFile: @unchecked Sendable {
    /// The path.
    let path: String
    /// Device and inode of the file being read.
    private(set) var fileID: String
    /// Where reading started (a checkpoint's offset, else 0).
    let startOffset: Int64
    private var offset: Int64
    private let handle: FileHandle
    private let poll: Duration

    /// Opens `path`, at `resume`'s offset when it names this same file and the file is at least
    /// that long, else at the start. Waits (polling) for a missing file to appear.
    init(path: String, resume: (fileID: String, offset: Int64)?, poll: Duration = .milliseconds(250)) async throws {
        self.path = path
        self.poll = poll
        while FileManager.default.fileExists(atPath: path) == false {
            try await Task.sleep(for: poll)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw FeedInput.Unreadable(path: path) }
        self.handle = handle
        let (id, size) = try Self.identity(of: path)
        fileID = id
        if let resume, resume.fileID == id, resume.offset <= size {
            try handle.seek(toOffset: UInt64(resume.offset))
            startOffset = resume.offset
        } else {
            startOffset = 0
        }
        offset = startOffset
    }

    deinit { try? handle.close() }

    /// The next bytes; an empty chunk when there is nothing new yet (after waiting a poll
    /// interval); nil when the path now names another file (or the file shrank) and this one
    /// has been read to its end.
    func next() async throws -> [UInt8]? {
        if let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
            offset += Int64(data.count)
            return [UInt8](data)
        }
        if let (id, size) = try? Self.identity(of: path), id != fileID || size < offset { return nil }
        try await Task.sleep(for: poll)
        return []
    }

    /// The leading lines a scanner learns columns from: Zeek's `#` lines, and the first other line
    /// when `withHeaderLine` (a CSV header).
    func header(withHeaderLine: Bool) throws -> [UInt8] {
        guard let reader = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? reader.close() }
        let head = [UInt8](try reader.read(upToCount: 1 << 16) ?? Data())
        var end = 0
        var tookHeaderLine = false
        while end < head.count, let newline = head[end...].firstIndex(of: 0x0A) {
            if head[end] == 0x23 {
                end = newline + 1
            } else if withHeaderLine && !tookHeaderLine {
                tookHeaderLine = true
                end = newline + 1
            } else {
                break
            }
        }
        return Array(head[..<end])
    }

    /// "device:inode" and size of the file at `path`.
    static func identity(of path: String) throws -> (String, Int64) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let device = (attributes[.systemNumber] as? NSNumber)?.int64Value ?? 0
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.int64Value ?? 0
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        return ("\(device):\(inode)", size)
    }
}
