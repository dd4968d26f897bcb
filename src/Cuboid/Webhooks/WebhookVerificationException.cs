namespace Cuboid.Webhooks;

/// <summary>A webhook that failed verification: missing headers, a timestamp outside the tolerance, or no matching signature.</summary>
public sealed class WebhookVerificationException : Exception
{
    public WebhookVerificationException()
    {
    }

    public WebhookVerificationException(string message)
        : base(message)
    {
    }

    public WebhookVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
