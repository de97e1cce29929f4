import Foundation

/// Running another program in this process's place, so it gets the terminal as it is (a child
/// started by Foundation's `Process` is in a session of its own, without it).
enum Exec {
    /// Replaces this process with `arguments` (the program is looked up on `PATH`); returns only
    /// when that fails (the error number).
    static func replacingProcess(with arguments: [String]) -> Int32 {
        guard let program = arguments.first else { return EINVAL }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execvp(program, argv)
        let error = errno
        for pointer in argv { free(pointer) }
        return error
    }
}
