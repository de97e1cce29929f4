import ArgumentParser

@main
struct Passim: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Local full-text search for articles.")
}
