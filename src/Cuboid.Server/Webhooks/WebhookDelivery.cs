namespace Cuboid.Server.Webhooks;

/// <summary>One event to deliver to one URL: the same <see cref="Id"/> (the <c>webhook-id</c>) on every attempt, so a receiver can drop repeats.</summary>
public sealed record WebhookDelivery
{
    public required string Id { get; init; }

    public required string Url { get; init; }

    /// <summary>The JSON event, exactly as signed and sent.</summary>
    public required string Body { get; init; }

    /// <summary>pending, delivered or failed.</summary>
    public required string Status { get; init; }

    public int Attempts { get; init; }

    public required DateTimeOffset NextAttemptAt { get; init; }

    public string? LastError { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
