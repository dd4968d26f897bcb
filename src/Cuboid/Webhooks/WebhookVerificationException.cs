namespace Cuboid.Webhooks;

/// <summary>A webhook that failed verification: missing headers, a timestamp outside the tolerance, or no matching signature.</summary>
public sealed class WebhookVerificationException : Exception
{
    /// <summary>A verification failure with the default message.</summary>
    public WebhookVerificationException()
    {
    }

    /// <summary>A verification failure saying what is wrong.</summary>
    public WebhookVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>A verification failure saying what is wrong, caused by <paramref name="innerException"/>.</summary>
    public WebhookVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
