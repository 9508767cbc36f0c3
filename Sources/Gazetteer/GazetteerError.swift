/// What went wrong reading, checking or changing a gazetteer, with where and what to do.
public struct GazetteerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the problem is in, if any.
    public var file: String?
    /// The 1-based line of the feature, if any.
    public var line: Int?
    /// What was wrong.
    public var reason: String
    /// What the user can do about it.
    public var hint: String?

    public init(file: String? = nil, line: Int? = nil, reason: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.reason = reason
        self.hint = hint
    }

    public var description: String {
        var where_ = ""
        if let file { where_ = file }
        if let line { where_ += where_.isEmpty ? "line \(line)" : ":\(line)" }
        var text = where_.isEmpty ? reason : "\(where_): \(reason)"
        if let hint { text += " (\(hint))" }
        return text
    }
}
