import NIOConcurrencyHelpers
import PassimProtocol

/// The results of one request's parts, each settled once by whichever side gets there first
/// (its searcher thread, or a stop), handed on together when the last one is settled.
final class PartOutcomes<Value: Sendable>: Sendable {
    typealias Outcome = Result<Value, ResponseError>

    private struct State {
        var outcomes: [Outcome?]
        var unsettled: Int
        var completion: (@Sendable ([Outcome]) -> Void)?
    }

    private let state: NIOLockedValueBox<State>

    init(count: Int, completion: @escaping @Sendable ([Outcome]) -> Void) {
        state = NIOLockedValueBox(
            State(outcomes: Array(repeating: nil, count: count), unsettled: count, completion: completion))
    }

    func isResolved(_ index: Int) -> Bool {
        state.withLockedValue { $0.outcomes[index] != nil }
    }

    /// Settles part `index`, unless it is settled already.
    func resolve(_ index: Int, _ outcome: Outcome) {
        settle { state in
            guard state.outcomes[index] == nil else { return }
            state.outcomes[index] = outcome
            state.unsettled -= 1
        }
    }

    /// Settles every part not settled yet with `outcome` (the request was stopped).
    func resolveRemaining(_ outcome: Outcome) {
        settle { state in
            for index in state.outcomes.indices where state.outcomes[index] == nil {
                state.outcomes[index] = outcome
                state.unsettled -= 1
            }
        }
    }

    /// Applies `change`, then calls the completion, outside the lock, if that settled the last part.
    private func settle(_ change: (inout State) -> Void) {
        let done: (completion: @Sendable ([Outcome]) -> Void, outcomes: [Outcome])? = state.withLockedValue { state in
            change(&state)
            guard state.unsettled == 0, let completion = state.completion else { return nil }
            state.completion = nil
            return (completion, state.outcomes.compactMap { $0 })
        }
        if let done { done.completion(done.outcomes) }
    }
}
