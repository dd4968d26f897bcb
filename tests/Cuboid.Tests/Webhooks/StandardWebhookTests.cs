using Cuboid.Webhooks;

namespace Cuboid.Tests.Webhooks;

/// <summary>Standard Webhooks signing and the helper receivers verify with: valid, tampered, wrong secret, replayed.</summary>
public sealed class StandardWebhookTests
{
    private const string Body = """{"id":"evt_1","type":"video.completed","created_at":1764950000,"data":{"id":"vid_1"}}""";
    private static readonly DateTimeOffset Sent = DateTimeOffset.FromUnixTimeSeconds(1764950000);
    private static readonly StandardWebhook Webhook = new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_signed_message_verifies_and_its_signature_is_the_spec_HMAC()
    {
        var signature = Webhook.Sign("evt_1", Sent, Body);

        Webhook.Verify(Body, "evt_1", Seconds(Sent), signature, Sent.AddSeconds(30));
        // Known answer: HMAC-SHA256 keyed with the base64 secret over "evt_1.1764950000.{body}".
        var key = Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes($"evt_1.1764950000.{Body}")));
        Assert.Equal("v1," + expected, signature);
    }

    [Fact]
    public void A_tampered_body_is_refused()
    {
        var signature = Webhook.Sign("evt_1", Sent, Body);

        var refused = Assert.Throws<WebhookVerificationException>(() => Webhook.Verify(Body.Replace("completed", "failed", StringComparison.Ordinal), "evt_1", Seconds(Sent), signature, Sent));

        Assert.Equal("no signature matches the body: it was changed, or signed with another secret", refused.Message);
    }

    [Fact]
    public void A_message_signed_with_another_secret_is_refused_but_one_of_several_signatures_may_match()
    {
        var other = new StandardWebhook(StandardWebhook.NewSecret());
        var foreign = other.Sign("evt_1", Sent, Body);

        Assert.Throws<WebhookVerificationException>(() => Webhook.Verify(Body, "evt_1", Seconds(Sent), foreign, Sent));
        // During a secret rotation both signatures travel, space-separated.
        Webhook.Verify(Body, "evt_1", Seconds(Sent), $"{foreign} {Webhook.Sign("evt_1", Sent, Body)}", Sent);
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void A_timestamp_outside_five_minutes_is_a_replay(int minutes)
    {
        var signature = Webhook.Sign("evt_1", Sent, Body);

        var refused = Assert.Throws<WebhookVerificationException>(() => Webhook.Verify(Body, "evt_1", Seconds(Sent), signature, Sent.AddMinutes(-minutes)));

        Assert.Contains("outside the 5 min tolerance", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_headers_and_a_changed_id_are_refused()
    {
        var signature = Webhook.Sign("evt_1", Sent, Body);

        Assert.Throws<WebhookVerificationException>(() => Webhook.Verify(Body, null, Seconds(Sent), signature, Sent));
        Assert.Throws<WebhookVerificationException>(() => Webhook.Verify(Body, "evt_2", Seconds(Sent), signature, Sent));
        Assert.Throws<ArgumentException>(() => new StandardWebhook("whsec_not base64!"));
    }
}
