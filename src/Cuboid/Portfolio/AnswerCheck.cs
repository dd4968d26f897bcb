using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>
/// A caller's test of a chat answer, sent with the request in <see cref="ChatOptions.AdditionalProperties"/> under
/// <see cref="Key"/> (<see cref="AddTo"/>). The portfolio's routed client applies it to every candidate: an answer
/// that fails is sent back once to the same model with the problem (<see cref="WithRepair"/>); a second failure is
/// that candidate's failure (both calls are booked as <see cref="CallOutcome.Rejected"/>, since they were paid for)
/// and the call falls over to the next candidate. A client that does not know it ignores it, so a caller that must
/// work with any client repairs once itself with <see cref="WithRepair"/> when the answer it gets still fails.
/// Streams are not checked.
/// </summary>
internal sealed class AnswerCheck(Func<string, string?> findProblem, Func<string, string> repairPrompt)
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key; the router removes it before the provider sees the options.</summary>
    public const string Key = "cuboid.answerCheck";

    /// <summary>Null when <paramref name="answer"/> is usable; otherwise what is wrong, in words fit to send back to the model.</summary>
    public string? FindProblem(string answer) => findProblem(answer);

    /// <summary>The conversation so far, the faulty answer, and a request to correct <paramref name="problem"/>.</summary>
    public List<ChatMessage> WithRepair(IEnumerable<ChatMessage> messages, ChatResponse answer, string problem) =>
        [.. messages, .. answer.Messages, new ChatMessage(ChatRole.User, repairPrompt(problem))];

    /// <summary>Attaches this check to <paramref name="options"/> and returns them.</summary>
    public ChatOptions AddTo(ChatOptions options)
    {
        (options.AdditionalProperties ??= [])[Key] = this;
        return options;
    }

    /// <summary>The check attached to <paramref name="options"/>, if any.</summary>
    public static AnswerCheck? From(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Key, out var value) == true ? value as AnswerCheck : null;
}
